import type { IncomingMessage } from "node:http";
import { PassThrough, type Readable } from "node:stream";
import busboy from "busboy";
import type { RequestHandler, Response } from "express";
import { bodyLimit, hasControlCharacter, hasEncodedControlCharacter, jsonHasControlCharacter, refuse, REFUSALS } from "./edge";

/**
 * A request body as the edge hands it on: a form read whole and checked, or a multipart upload that
 * streams through with its text fields checked on the way. `signal` aborts when the edge refused the
 * body after the app had begun to read it; the app's answer is then dropped.
 */
export type EdgeBody = { kind: "buffer"; data: Buffer } | { kind: "stream"; stream: Readable; signal: AbortSignal };

/** The body the edge read for this response's request, if it had one. */
export function edgeBody(res: Response): EdgeBody | undefined {
  return res.locals.edgeBody as EdgeBody | undefined;
}

function declaredLength(req: IncomingMessage): number | undefined {
  const header = req.headers["content-length"];
  return header === undefined ? undefined : Number(header);
}

function hasBody(req: IncomingMessage): boolean {
  if (req.method === "GET" || req.method === "HEAD") return false;
  return req.headers["transfer-encoding"] !== undefined || (declaredLength(req) ?? 0) > 0;
}

/** Reads a body up to `limit` bytes; `null` once it grows past it (then reading stops). */
function readWhole(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off("data", onData);
      req.pause();
      resolve(null);
    };
    req.on("data", onData);
    req.once("end", () => resolve(Buffer.concat(chunks)));
    req.once("error", reject);
    req.once("close", () => {
      if (!req.complete) reject(new Error("The client went away before the body was complete."));
    });
  });
}

function isJson(type: string): boolean {
  return /^application\/(?:[\w.+-]+\+)?json\b/.test(type);
}

/** Whether a form body holds a refused control character (urlencoded, JSON; other types are not looked into). */
function formHasControlCharacter(type: string, data: Buffer): boolean {
  if (type.startsWith("application/x-www-form-urlencoded")) return hasEncodedControlCharacter(data.toString("latin1"), true);
  if (!isJson(type)) return false;
  let parsed: unknown;
  try {
    parsed = JSON.parse(data.toString("utf8"));
  } catch {
    // Not JSON after all: the app answers that.
    return false;
  }
  return jsonHasControlCharacter(parsed);
}

/**
 * Streams a multipart body on to the app while counting it and reading its text fields (never the
 * files) on the way. Past the limit, or at a control character in a field name, field value or file
 * name, the edge answers and the app's reading ends with an error.
 */
function streamMultipart(req: IncomingMessage, res: Response, limit: number): EdgeBody {
  const forward = new PassThrough();
  const controller = new AbortController();
  let size = 0;
  let refused = false;
  const stop = (status: number, text: string) => {
    if (refused) return;
    refused = true;
    res.locals.edgeRefused = true;
    req.off("data", onData);
    controller.abort();
    forward.destroy(new Error("The request body was refused at the edge."));
    parser.destroy();
    if (status === 413 || req.readableEnded) {
      // Past the limit nothing more is read: the connection closes after the answer.
      req.pause();
      return refuse(res, status, text, { closeConnection: true });
    }
    // A refused field within the limit: the rest of the body is read and dropped first, so that the
    // client finishes sending and reads the answer (closing at once left it with a broken pipe).
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit && !res.headersSent) {
        req.pause();
        refuse(res, 413, REFUSALS.tooLarge(limit), { closeConnection: true });
      }
    });
    req.once("end", () => refuse(res, status, text, { closeConnection: true }));
    req.resume();
  };
  const parser = busboy({ headers: req.headers, limits: { fieldSize: limit, fieldNameSize: 1024 } });
  parser.on("field", (name, value) => {
    if (hasControlCharacter(name, true) || hasControlCharacter(value, true)) stop(400, REFUSALS.control);
  });
  parser.on("file", (name, file, info) => {
    // The file's bytes go on to the app; here they are only let through (an unfinished file ends in an error).
    file.on("error", () => undefined).resume();
    if (hasControlCharacter(name, true) || hasControlCharacter(info.filename ?? "", false)) stop(400, REFUSALS.control);
  });
  parser.on("error", () => stop(400, REFUSALS.unreadable));
  const onData = (chunk: Buffer) => {
    size += chunk.length;
    if (size > limit) return stop(413, REFUSALS.tooLarge(limit));
    parser.write(chunk);
    if (refused) return;
    if (!forward.write(chunk)) {
      req.pause();
      forward.once("drain", () => {
        if (!refused) req.resume();
      });
    }
  };
  req.on("data", onData);
  req.once("end", () => {
    if (refused) return;
    parser.end();
    forward.end();
  });
  req.once("error", (error) => forward.destroy(error));
  return { kind: "stream", stream: forward, signal: controller.signal };
}

/**
 * Reads the request body before the app does, within its route's limit: a declared length over it is
 * refused at once, a chunked body is counted and cut at it (413, and the connection closes). Forms
 * are read whole (they are small) and refused with 400 when a field holds a control character;
 * multipart uploads stream through.
 */
export function readBody(): RequestHandler {
  return (req, res, next) => {
    if (!hasBody(req)) return next();
    const type = (req.headers["content-type"] ?? "").toLowerCase();
    const multipart = type.startsWith("multipart/form-data");
    const limit = bodyLimit(req.path, multipart);
    const length = declaredLength(req);
    if (length !== undefined && !(length <= limit)) return refuse(res, 413, REFUSALS.tooLarge(limit), { closeConnection: true });
    if (multipart) {
      try {
        res.locals.edgeBody = streamMultipart(req, res, limit);
      } catch {
        // busboy refuses a multipart type without a boundary before reading anything.
        return refuse(res, 400, REFUSALS.unreadable, { closeConnection: true });
      }
      return next();
    }
    readWhole(req, limit).then(
      (data) => {
        if (data === null) return refuse(res, 413, REFUSALS.tooLarge(limit), { closeConnection: true });
        if (formHasControlCharacter(type, data)) return refuse(res, 400, REFUSALS.control);
        res.locals.edgeBody = { kind: "buffer", data } satisfies EdgeBody;
        next();
      },
      () => res.destroy(),
    );
  };
}

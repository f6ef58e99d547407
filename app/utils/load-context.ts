import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The per-request nonce that the Content-Security-Policy allows scripts with. */
    cspNonce: string;
    /** The client's address, as far as TRUST_PROXY lets us believe the proxies. */
    clientAddress: string;
  }
}

export {};

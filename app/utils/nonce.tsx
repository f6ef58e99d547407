import { createContext, useContext } from "react";

const NonceContext = createContext<string>("");

/** Provides the request's CSP nonce to the document's scripts. */
export const NonceProvider = NonceContext.Provider;

/** The CSP nonce of this request (empty in the browser, which hides it). */
export const useNonce = () => useContext(NonceContext);

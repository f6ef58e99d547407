// The HTML validator's rules for the pages the server renders: test/e2e/html-validation.spec.ts runs
// them over every page template, and `npx html-validate page.html` over a saved page (decision 079).
// "html-validate:standard" is the HTML standard's own rules (content model, duplicate ids, attributes
// and their values, end tags, autocomplete tokens), without the style rules of "recommended" (quote
// and case style, `<br/>` or `<br>`) or its accessibility rules (axe-core checks those).
// No rule is turned off: React's output (`charSet`, `<input/>`, ids such as `:R1j5:`, the inline
// hydration scripts with their CSP nonce) is valid HTML and breaks none of these rules.
/** @type {import("html-validate").ConfigData} */
export default {
  root: true,
  extends: ["html-validate:standard"],
  rules: {
    // Rules of the standard that the preset leaves to "recommended" and "document":
    // an attribute the input's type does not take (`maxlength` on a checkbox),
    "input-attributes": "error",
    // `for`, `aria-describedby` or `aria-labelledby` naming an id the page does not have,
    "no-missing-references": "error",
    // and a `<title>` without text.
    "empty-title": "error",
  },
};

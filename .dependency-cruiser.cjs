// Import rules that ESLint's per-file view cannot see: cycles across files. (Which folder may import
// which is ESLint's no-restricted-imports, in eslint.config.js.)
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-cycle",
      severity: "error",
      comment: "A module must not import itself through others: split out what both need.",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(build|public/build|node_modules|\\.cache)/" },
    // Type-only imports count too: `import type { loader } from "./route"` in a sibling closes a cycle all the same.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"], extensions: [".ts", ".tsx", ".js", ".json"] },
  },
};

import { build } from "./lib/build";

// `npm run build`: always builds, and records the sources so `npm start` knows the build is current.
try {
  build();
  console.info("Built into build/ and public/build/.");
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

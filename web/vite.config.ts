/**
 * Builds the chat app into `dist/web` at the package root, where the server finds it from `src/` and from
 * `dist/`. `npm run dev:web` serves it with hot reload and forwards `/api` to a running `deepthink serve`.
 */
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

// KaTeX's stylesheet must come from the KaTeX that renders the maths: rehype-katex may carry its own
// version (class names changed between 0.16 and 0.19), so resolve it from there.
const rehypeKatex = createRequire(import.meta.url).resolve("rehype-katex");
const katexCss = createRequire(rehypeKatex).resolve("katex/dist/katex.min.css");

export default defineConfig({
  root,
  base: "/",
  plugins: [react()],
  resolve: { alias: { "katex.css": katexCss } },
  build: {
    outDir: fileURLToPath(new URL("../dist/web", import.meta.url)),
    emptyOutDir: true,
    // KaTeX fonts stay files: the page's CSP allows fonts from 'self'.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: { "/api": process.env.DEEPTHINK_URL ?? "http://127.0.0.1:8080" },
  },
});

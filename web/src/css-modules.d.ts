/** The KaTeX stylesheet, aliased in vite.config.ts to the copy that matches rehype-katex's KaTeX. */
declare module "katex.css";

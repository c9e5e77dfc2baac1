import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "katex.css";
import "./styles/base.css";
import "./styles/layout.css";
import "./styles/messages.css";
import "./styles/markdown.css";
import { App } from "./app";

const root = document.getElementById("root");
if (root == null) throw new Error("index.html lost its #root element");
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

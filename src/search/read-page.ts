/** A fetched page as readable text: HTML through Readability, other text types as they are. */
import { htmlToReadableText } from "../files/html-to-text.js";
import { type SafeFetchOptions, safeFetch } from "./safe-fetch.js";

export interface ReadPage {
  url: string;
  title: string;
  text: string;
}

export async function readPage(url: string, options: SafeFetchOptions = {}): Promise<ReadPage> {
  const page = await safeFetch(url, options);
  if (page.mediaType === "text/html" || page.mediaType === "application/xhtml+xml") {
    const { title, text } = htmlToReadableText(page.text);
    return { url: page.url, title, text };
  }
  return { url: page.url, title: "", text: page.text.trim() };
}

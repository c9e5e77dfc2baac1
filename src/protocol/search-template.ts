/**
 * The README's two web-search templates, byte for byte (placeholders `{search_results}`, `{cur_date}`,
 * `{question}`). Copied from the DeepSeek-R1 README; do not reformat: tests compare them with the README.
 */

/** For questions in Chinese. */
export const SEARCH_TEMPLATE_ZH = `# 以下内容是基于用户发送的消息的搜索结果:
{search_results}
在我给你的搜索结果中，每个结果都是[webpage X begin]...[webpage X end]格式的，X代表每篇文章的数字索引。请在适当的情况下在句子末尾引用上下文。请按照引用编号[citation:X]的格式在答案中对应部分引用上下文。如果一句话源自多个上下文，请列出所有相关的引用编号，例如[citation:3][citation:5]，切记不要将引用集中在最后返回引用编号，而是在答案对应部分列出。
在回答时，请注意以下几点：
- 今天是{cur_date}。
- 并非搜索结果的所有内容都与用户的问题密切相关，你需要结合问题，对搜索结果进行甄别、筛选。
- 对于列举类的问题（如列举所有航班信息），尽量将答案控制在10个要点以内，并告诉用户可以查看搜索来源、获得完整信息。优先提供信息完整、最相关的列举项；如非必要，不要主动告诉用户搜索结果未提供的内容。
- 对于创作类的问题（如写论文），请务必在正文的段落中引用对应的参考编号，例如[citation:3][citation:5]，不能只在文章末尾引用。你需要解读并概括用户的题目要求，选择合适的格式，充分利用搜索结果并抽取重要信息，生成符合用户要求、极具思想深度、富有创造力与专业性的答案。你的创作篇幅需要尽可能延长，对于每一个要点的论述要推测用户的意图，给出尽可能多角度的回答要点，且务必信息量大、论述详尽。
- 如果回答很长，请尽量结构化、分段落总结。如果需要分点作答，尽量控制在5个点以内，并合并相关的内容。
- 对于客观类的问答，如果问题的答案非常简短，可以适当补充一到两句相关信息，以丰富内容。
- 你需要根据用户要求和回答内容选择合适、美观的回答格式，确保可读性强。
- 你的回答应该综合多个相关网页来回答，不能重复引用一个网页。
- 除非用户要求，否则你回答的语言需要和用户提问的语言保持一致。

# 用户消息为：
{question}`;

/** For every other question. */
export const SEARCH_TEMPLATE_EN = `# The following contents are the search results related to the user's message:
{search_results}
In the search results I provide to you, each result is formatted as [webpage X begin]...[webpage X end], where X represents the numerical index of each article. Please cite the context at the end of the relevant sentence when appropriate. Use the citation format [citation:X] in the corresponding part of your answer. If a sentence is derived from multiple contexts, list all relevant citation numbers, such as [citation:3][citation:5]. Be sure not to cluster all citations at the end; instead, include them in the corresponding parts of the answer.
When responding, please keep the following points in mind:
- Today is {cur_date}.
- Not all content in the search results is closely related to the user's question. You need to evaluate and filter the search results based on the question.
- For listing-type questions (e.g., listing all flight information), try to limit the answer to 10 key points and inform the user that they can refer to the search sources for complete information. Prioritize providing the most complete and relevant items in the list. Avoid mentioning content not provided in the search results unless necessary.
- For creative tasks (e.g., writing an essay), ensure that references are cited within the body of the text, such as [citation:3][citation:5], rather than only at the end of the text. You need to interpret and summarize the user's requirements, choose an appropriate format, fully utilize the search results, extract key information, and generate an answer that is insightful, creative, and professional. Extend the length of your response as much as possible, addressing each point in detail and from multiple perspectives, ensuring the content is rich and thorough.
- If the response is lengthy, structure it well and summarize it in paragraphs. If a point-by-point format is needed, try to limit it to 5 points and merge related content.
- For objective Q&A, if the answer is very brief, you may add one or two related sentences to enrich the content.
- Choose an appropriate and visually appealing format for your response based on the user's requirements and the content of the answer, ensuring strong readability.
- Your answer should synthesize information from multiple relevant webpages and avoid repeatedly citing the same webpage.
- Unless the user requests otherwise, your response should be in the same language as the user's question.

# The user's message is:
{question}`;

export type SearchLanguage = "zh" | "en";

/** One numbered result as the model sees it. Number = position in the list + 1. */
export interface SearchPromptSource {
  title: string;
  url: string;
  /** The search engine's short excerpt; used when there is no `content`. */
  snippet?: string;
  /** Readable text of the page (or the local document's passage), already fitted to the token budget. */
  content?: string;
  /** ISO 8601 date or date-time when known; only the date is shown. */
  publishedDate?: string;
}

export interface RenderSearchPromptInput {
  /** In citation order: the first is `[webpage 1 …]`, cited as `[citation:1]`. */
  results: readonly SearchPromptSource[];
  question: string;
  /** Fills `{cur_date}`; see `formatCurDate`. */
  curDate: string;
  /** Defaults to `detectQuestionLanguage(question)`. Pass it when `question` holds more than the user's words. */
  language?: SearchLanguage;
}

const HAN = /\p{Script=Han}/u;

/**
 * Chinese when the text contains at least one Han ideograph (Unicode script Han: the CJK Unified
 * Ideographs and their extensions), English otherwise. Kanji in Japanese count too: the README has only
 * these two templates, and both tell the model to answer in the language of the question.
 */
export function detectQuestionLanguage(question: string): SearchLanguage {
  return HAN.test(question) ? "zh" : "en";
}

// A page that contains the markers could close its own block and forge another; such text is defanged.
const MARKER = /\[(webpage\s*\d+\s*(?:begin|end))\]/gi;

function clean(text: string): string {
  return text.replace(MARKER, "($1)");
}

function oneLine(text: string): string {
  return clean(text).replace(/\s+/g, " ").trim();
}

/**
 * One result inside its markers (the README leaves this layout open; this one is deepthink's, stable):
 *
 *   [webpage 1 begin]
 *   Title: {title}
 *   URL: {url}
 *   Published: {YYYY-MM-DD}      (only when known)
 *   {content, or the snippet}    (only when non-empty)
 *   [webpage 1 end]
 */
export function renderSearchResult(source: SearchPromptSource, index: number): string {
  const lines = [
    `[webpage ${index} begin]`,
    `Title: ${oneLine(source.title)}`,
    `URL: ${oneLine(source.url)}`,
  ];
  const date = source.publishedDate?.trim();
  if (date != null && date !== "")
    lines.push(`Published: ${/^\d{4}-\d{2}-\d{2}/.test(date) ? date.slice(0, 10) : oneLine(date)}`);
  const text = clean(source.content ?? source.snippet ?? "").trim();
  if (text !== "") lines.push(text);
  lines.push(`[webpage ${index} end]`);
  return lines.join("\n");
}

/** Every result, numbered from 1, one block after another (separated by one newline). */
export function renderSearchResults(results: readonly SearchPromptSource[]): string {
  return results.map((source, i) => renderSearchResult(source, i + 1)).join("\n");
}

/**
 * The README's template for the question's language with `{search_results}`, `{cur_date}` and
 * `{question}` filled. One pass over the template, so braces inside results or the question are never
 * taken for placeholders.
 */
export function renderSearchPrompt(input: RenderSearchPromptInput): string {
  const language = input.language ?? detectQuestionLanguage(input.question);
  const template = language === "zh" ? SEARCH_TEMPLATE_ZH : SEARCH_TEMPLATE_EN;
  const values: Record<string, string> = {
    search_results: renderSearchResults(input.results),
    cur_date: input.curDate,
    question: input.question,
  };
  return template.replace(/\{(search_results|cur_date|question)\}/g, (_, key: string) => values[key] ?? "");
}

const WEEKDAYS_EN = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const WEEKDAYS_ZH = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"];
const MONTHS_EN = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/**
 * `{cur_date}`: `2025年2月1日星期六` (zh) or `Saturday, February 1, 2025` (en), with the weekday so the
 * model can resolve "next Friday". The date is taken in `timeZone` (IANA name; default: this process's).
 */
export function formatCurDate(date: Date, language: SearchLanguage, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "numeric",
    day: "numeric",
  }).formatToParts(date);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const [year, month, day] = [part("year"), part("month"), part("day")];
  // Day of week from the calendar date itself, so it always agrees with the date shown.
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  if (language === "zh") return `${year}年${month}月${day}日${WEEKDAYS_ZH[weekday]}`;
  return `${WEEKDAYS_EN[weekday]}, ${MONTHS_EN[month - 1]} ${day}, ${year}`;
}

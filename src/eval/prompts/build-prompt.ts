/**
 * A problem and a sample index → the user message sent to the model (no system prompt: the README's
 * recommendation) and, for multiple choice, the option order that sample saw.
 */
import type { Problem } from "../types.js";
import { shuffledOrder } from "./choice-order.js";
import { codePrompt, lightevalMathPrompt, multipleChoicePrompt, r1MathPrompt } from "./templates.js";

/** `r1`: the DeepSeek-R1 README's prompts (default); `lighteval`: open-r1/lighteval's, for comparison. */
export type PromptStyle = "r1" | "lighteval";

export interface PromptOptions {
  style: PromptStyle;
  /** Seeds the option shuffles of multiple-choice problems. */
  shuffleSeed: number;
}

export interface BuiltPrompt {
  prompt: string;
  choiceOrder: number[] | null;
}

export function buildPrompt(problem: Problem, sampleIndex: number, options: PromptOptions): BuiltPrompt {
  switch (problem.type) {
    case "math":
    case "integer":
      return {
        prompt:
          options.style === "lighteval"
            ? lightevalMathPrompt(problem.question)
            : r1MathPrompt(problem.question),
        choiceOrder: null,
      };
    case "choice": {
      if (problem.options == null) return { prompt: problem.question, choiceOrder: null };
      const all = [problem.options.correct, ...problem.options.incorrect];
      // simple-evals and the R1 protocol shuffle per sample; lighteval draws one order per question.
      const key =
        options.style === "lighteval"
          ? `${options.shuffleSeed}\u0000${problem.id}`
          : `${options.shuffleSeed}\u0000${problem.id}\u0000${sampleIndex}`;
      const order = shuffledOrder(all.length, key);
      return {
        prompt: multipleChoicePrompt(
          problem.question,
          order.map((i) => all[i]!),
        ),
        choiceOrder: order,
      };
    }
    case "code":
      return { prompt: codePrompt(problem.question, problem.starterCode), choiceOrder: null };
  }
}

/**
 * A finding about the file; becomes the DeepthinkError message, with a hint for a person. Its own module
 * because the header reader, the model checks and validateGgufFile (which turns it into an
 * `invalid_model_file` error naming the file) all need the same class for `instanceof`.
 */
export class Problem extends Error {
  constructor(
    message: string,
    readonly hint = "The file is corrupt or not a llama.cpp model: download it again or regenerate it.",
  ) {
    super(message);
  }
}

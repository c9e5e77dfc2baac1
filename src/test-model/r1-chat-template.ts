/**
 * The DeepSeek-R1-Distill chat template (jinja), as shipped in the models' tokenizer_config.json.
 * node-llama-cpp recognises it and resolves `DeepSeekChatWrapper`; llama-server-style consumers render it.
 * "r1": the original release (generation prompt `<｜Assistant｜>`); "r1-think": the Feb 2025 revision,
 * whose generation prompt is `<｜Assistant｜><think>\n` (forces the response to start with thinking).
 */
export type ChatTemplateName = "r1" | "r1-think";

export function r1ChatTemplate(variant: ChatTemplateName): string {
  // A jinja string literal: `\\n` here is the two characters `\n`, which jinja turns into a newline.
  const generationPrompt = variant === "r1-think" ? "<｜Assistant｜><think>\\n" : "<｜Assistant｜>";
  return (
    "{% if not add_generation_prompt is defined %}{% set add_generation_prompt = false %}{% endif %}" +
    "{% set ns = namespace(is_first=false, is_tool=false, is_output_first=true, system_prompt='') %}" +
    "{%- for message in messages %}{%- if message['role'] == 'system' %}{% set ns.system_prompt = message['content'] %}{%- endif %}{%- endfor %}" +
    "{{bos_token}}{{ns.system_prompt}}" +
    "{%- for message in messages %}" +
    "{%- if message['role'] == 'user' %}{%- set ns.is_tool = false -%}{{'<｜User｜>' + message['content']}}{%- endif %}" +
    "{%- if message['role'] == 'assistant' and message['content'] is none %}{%- set ns.is_tool = false -%}" +
    "{%- for tool in message['tool_calls']%}{%- if not ns.is_first %}" +
    "{{'<｜Assistant｜><｜tool▁calls▁begin｜><｜tool▁call▁begin｜>' + tool['type'] + '<｜tool▁sep｜>' + tool['function']['name'] + '\\n' + '```json' + '\\n' + tool['function']['arguments'] + '\\n' + '```' + '<｜tool▁call▁end｜>'}}" +
    "{%- set ns.is_first = true -%}{%- else %}" +
    "{{'\\n' + '<｜tool▁call▁begin｜>' + tool['type'] + '<｜tool▁sep｜>' + tool['function']['name'] + '\\n' + '```json' + '\\n' + tool['function']['arguments'] + '\\n' + '```' + '<｜tool▁call▁end｜>'}}" +
    "{{'<｜tool▁calls▁end｜><｜end▁of▁sentence｜>'}}{%- endif %}{%- endfor %}{%- endif %}" +
    "{%- if message['role'] == 'assistant' and message['content'] is not none %}" +
    "{%- if ns.is_tool %}{{'<｜tool▁outputs▁end｜>' + message['content'] + '<｜end▁of▁sentence｜>'}}{%- set ns.is_tool = false -%}" +
    "{%- else %}{% set content = message['content'] %}{% if '</think>' in content %}{% set content = content.split('</think>')[-1] %}{% endif %}" +
    "{{'<｜Assistant｜>' + content + '<｜end▁of▁sentence｜>'}}{%- endif %}{%- endif %}" +
    "{%- if message['role'] == 'tool' %}{%- set ns.is_tool = true -%}" +
    "{%- if ns.is_output_first %}{{'<｜tool▁outputs▁begin｜><｜tool▁output▁begin｜>' + message['content'] + '<｜tool▁output▁end｜>'}}{%- set ns.is_output_first = false %}" +
    "{%- else %}{{'\\n<｜tool▁output▁begin｜>' + message['content'] + '<｜tool▁output▁end｜>'}}{%- endif %}{%- endif %}" +
    "{%- endfor -%}" +
    "{% if ns.is_tool %}{{'<｜tool▁outputs▁end｜>'}}{% endif %}" +
    `{% if add_generation_prompt and not ns.is_tool %}{{'${generationPrompt}'}}{% endif %}`
  );
}

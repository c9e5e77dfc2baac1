/**
 * Words in answers: spelled-out numbers and trailing units. Lists, so they are data; the rules that
 * use them are one line each.
 */

/** Number words a model may spell out (`\text{five}`); Qwen runs `word2number` on the whole answer. */
// biome-ignore format: a table reads better packed
const NUMBER_WORDS: Readonly<Record<string, string>> = {
  zero: "0", one: "1", two: "2", three: "3", four: "4", five: "5", six: "6", seven: "7", eight: "8",
  nine: "9", ten: "10", eleven: "11", twelve: "12", thirteen: "13", fourteen: "14", fifteen: "15",
  sixteen: "16", seventeen: "17", eighteen: "18", nineteen: "19", twenty: "20", thirty: "30",
  forty: "40", fifty: "50", sixty: "60", seventy: "70", eighty: "80", ninety: "90", hundred: "100",
};

export function numberWord(text: string): string {
  return NUMBER_WORDS[text.trim().toLowerCase()] ?? text;
}

/**
 * Unit words dropped from the end of an answer (`12\text{ inches}`, `5 cm^2`). Qwen's list also strips
 * single letters (`a`, `m`, `s`, `t`…) anywhere in the string, which turns `a+b` into `+b`; only
 * multi-letter words, at the end, after a number or a closing bracket, are dropped here.
 */
// biome-ignore format: a table reads better packed
const UNIT_WORDS = [
  "square units", "sq units", "cubic units", "units", "unit", "square feet", "square inches",
  "square meters", "square centimeters", "sq ft", "cm", "mm", "km", "meters", "meter", "metres", "metre",
  "centimeters", "centimeter", "inches", "inch", "feet", "foot", "ft", "yards", "yard", "miles", "mile",
  "mph", "kg", "grams", "gram", "pounds", "pound", "lbs", "lb", "ounces", "ounce", "oz", "seconds",
  "second", "sec", "minutes", "minute", "min", "hours", "hour", "hrs", "hr", "days", "day", "weeks",
  "week", "months", "month", "years", "year", "dollars", "dollar", "cents", "cent", "degrees", "degree",
  "deg", "percentage", "percent", "pct", "liters", "litres", "liter", "litre", "ml", "gallons", "gallon", "people",
  "students", "ways", "points", "cups", "pages", "hundreds",
];

const TRAILING_UNIT = new RegExp(`([\\d})\\]])\\s*(?:${UNIT_WORDS.join("|")})(?:\\^\\{?\\d\\}?)?$`, "i");

export function dropTrailingUnit(text: string): string {
  return text.replace(TRAILING_UNIT, "$1");
}

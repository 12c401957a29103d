// The quantity definitions of the plan schema: how each numeric kind may be written (the patterns
// accept what src/read/quantity.ts parses; test/unit/schema.test.ts checks both on the same values).

export const KIND_DEFINITIONS = {
  count: {"description":"A non-negative count: a number, or text with digit groups (commas only as thousands separators) and a suffix k, M, B (or G), T, Q: 7B, 1.4T, 300_000_000, \"1,000\", 2e21.","anyOf":[{"type":"number","minimum":0},{"type":"string","pattern":"^\\s*\\+?(?:(?:\\d{1,3}(?:,\\d{3})+|\\d+(?:[_ ]\\d+)*)(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?\\s*[kKmMbBgGtTqQ]?\\s*$"}]},
  usd: {"description":"US dollars: a number, or text such as $50k, $1.2M, 50000 USD.","anyOf":[{"type":"number","minimum":0},{"type":"string","pattern":"^\\s*\\$?\\s*(?:(?:\\d{1,3}(?:,\\d{3})+|\\d+(?:[_ ]\\d+)*)(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?\\s*[kKmMbBgGtTqQ]?\\s*(?:usd|USD|dollars?)?\\s*$"}]},
  days: {"description":"A duration in days: a number of days, or text with a unit: 14d, 36h, 2w, 90 min, 1 month (30 days).","anyOf":[{"type":"number","minimum":0},{"type":"string","pattern":"^\\s*(?:(?:\\d{1,3}(?:,\\d{3})+|\\d+(?:[_ ]\\d+)*)(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?\\s*(?:s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|d|days?|w|wk|weeks?|mo|months?)?\\s*$"}]},
  fraction: {"description":"A fraction of 1: 0.4, or a percentage with %: 40%. Only % means percent; a bare number above 1 is invalid (write 0.4 or 40%).","anyOf":[{"type":"number","minimum":0,"maximum":1},{"type":"string","pattern":"^\\s*(?:0(?:\\.\\d*)?|\\.\\d+|1(?:\\.0*)?|(?:\\d+(?:\\.\\d*)?|\\.\\d+)\\s*%)\\s*$"}]},
  number: {"description":"A plain non-negative number (a number or numeric text).","anyOf":[{"type":"number","minimum":0},{"type":"string","pattern":"^\\s*\\+?(?:(?:\\d{1,3}(?:,\\d{3})+|\\d+(?:[_ ]\\d+)*)(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?\\s*$"}]},
} as const;

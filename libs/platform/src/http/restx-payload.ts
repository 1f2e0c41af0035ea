/**
 * flask-restx's `expect(model, validate=True)`: a JSON-schema (draft 4) check of the body before the
 * handler runs, answered as 400 `{"errors": {field: text}, "message": "Input payload validation failed"}`
 * with jsonschema's texts, which print values as Python's repr() does. Only the subset the
 * reference's models use: an object of string, boolean and integer properties, some required.
 */
export type RestxFieldType = 'string' | 'boolean' | 'integer';

export interface RestxModel {
  properties: Record<string, RestxFieldType>;
  required: string[];
}

export const INPUT_PAYLOAD_VALIDATION_FAILED = 'Input payload validation failed';

/** Python's repr() of a value parsed from JSON. */
export function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : pythonFloat(value);
  if (typeof value === 'string') return pythonString(value);
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([key, item]) => `${pythonString(key)}: ${pythonRepr(item)}`)
      .join(', ')}}`;
  }
  return String(value);
}

function pythonFloat(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  const text = String(value);
  return /e/.test(text) ? text.replace(/e([+-])(\d)$/, 'e$10$2') : text;
}

/** repr() of a str: single quotes unless the text has a single quote and no double quote. */
function pythonString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === '\\') out += '\\\\';
    else if (char === quote) out += `\\${quote}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code >= 0xd800 && code <= 0xdfff) out += `\\ud${code.toString(16).slice(1)}`;
    else out += char;
  }
  return out + quote;
}

function matchesType(value: unknown, type: RestxFieldType | 'object'): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
  }
}

/** The `errors` object flask-restx would answer with, or null when the body is valid. */
export function restxPayloadErrors(model: RestxModel, body: unknown): Record<string, string> | null {
  if (!matchesType(body, 'object')) {
    return { '': `${pythonRepr(body)} is not of type 'object'` };
  }
  const data = body as Record<string, unknown>;
  const errors: Record<string, string> = {};
  for (const [name, type] of Object.entries(model.properties)) {
    if (name in data && !matchesType(data[name], type)) {
      errors[name] = `${pythonRepr(data[name])} is not of type '${type}'`;
    }
  }
  for (const name of model.required) {
    if (!(name in data)) errors[name] = `'${name}' is a required property`;
  }
  return Object.keys(errors).length ? errors : null;
}

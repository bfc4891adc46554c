// One terminal's options as a form built from its protocol's JSON Schema (served by the settings
// API from the driver's own schema): a labelled field per option with its type, default and help,
// selects for enums, password fields for secrets. Edits go straight into the options object; an
// emptied field removes the option, so its default applies.
import { el } from './dom.mjs';
import { field, input, select } from './form-fields.mjs';

export interface OptionSchema {
  type?: string;
  enum?: (string | number | boolean)[];
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  /** A secret: the browser only ever holds its mask. */
  writeOnly?: boolean;
}

export interface OptionsSchema {
  properties?: Record<string, OptionSchema>;
}

type Options = Record<string, unknown>;

/** The form of `options` (edited in place); `path` is the options' config path, `terminals.0.options`. */
export function optionsForm(schema: OptionsSchema, options: Options, path: string): HTMLElement {
  const properties = schema.properties ?? {};
  const unknown = Object.keys(options).filter((key) => !(key in properties));
  return el(
    'div',
    { class: 'options-form' },
    ...Object.entries(properties).map(([key, option]) =>
      field(
        `${path}.${key}`,
        key,
        optionControl(option, options, key),
        el('span', { class: 'option-help' }, [typeText(option), option.description].filter(Boolean).join(' — ')),
      ),
    ),
    unknown.length > 0 &&
      el('p', { class: 'options-unknown' }, `Not options of this protocol (remove them in the JSON view): ${unknown.join(', ')}`),
  );
}

function optionControl(option: OptionSchema, options: Options, key: string): HTMLElement {
  const set = (value: unknown) => {
    if (value === undefined) delete options[key];
    else options[key] = value;
  };
  if (option.writeOnly) return secretInput(options, key, set);
  if (option.enum) return enumSelect(option, options[key], set);
  if (option.type === 'boolean') {
    // Without a default the driver decides (NETS `tls`): unset must stay possible.
    if (option.default === undefined) return enumSelect({ ...option, enum: [true, false] }, options[key], set);
    return el('input', {
      type: 'checkbox',
      checked: (options[key] ?? option.default) === true,
      onchange: (e: Event) => {
        const checked = (e.target as HTMLInputElement).checked;
        set(checked === option.default ? undefined : checked);
      },
    });
  }
  if (option.type === 'number' || option.type === 'integer') {
    // Half-typed text ("1e") reads as '' with badInput: the option keeps its value and save refuses.
    const control = input(
      options[key] as number | undefined,
      (v) => control.validity.badInput || set(v === '' ? undefined : Number(v)),
      'number',
    );
    // Whole numbers are the server's check, so its message names the option like any other.
    control.step = 'any';
    control.placeholder = placeholder(option);
    return control;
  }
  if (option.type === 'string') {
    const control = input(options[key] as string | undefined, (v) => set(v === '' ? undefined : v));
    control.placeholder = placeholder(option);
    return control;
  }
  return el('span', { class: 'hint' }, 'edit this option in the JSON view');
}

/** Shows no value: what is stored stays unless something is typed over it. */
function secretInput(options: Options, key: string, set: (value: unknown) => void): HTMLInputElement {
  const stored = options[key];
  const control = input('', (v) => set(v === '' ? stored : v), 'password');
  control.autocomplete = 'new-password';
  control.placeholder = stored === undefined ? 'not set' : 'stored — type to replace';
  return control;
}

function enumSelect(option: OptionSchema, value: unknown, set: (value: unknown) => void): HTMLSelectElement {
  const values = option.enum ?? [];
  const unset: [string, string] = ['', option.default === undefined ? '(not set)' : `(default: ${String(option.default)})`];
  // Stored as the schema's own value (a number for PoSXML's printReceipt), shown as text.
  return select(
    [unset, ...values.map((v): [string, string] => [String(v), String(v)])],
    value === undefined ? '' : String(value),
    (v) => set(v === '' ? undefined : values.find((candidate) => String(candidate) === v)),
  );
}

function placeholder(option: OptionSchema): string {
  return option.default === undefined ? '' : `default: ${String(option.default)}`;
}

/** "whole number ≥ 1", "number > 0", "text", "on/off", or the enum's values. */
function typeText(option: OptionSchema): string {
  if (option.writeOnly) return 'secret';
  if (option.enum) return `one of ${option.enum.join(', ')}`;
  if (option.type === 'boolean') return 'on/off';
  if (option.type === 'number' || option.type === 'integer') {
    const kind = option.type === 'integer' ? 'whole number' : 'number';
    // zod writes JavaScript's safe-integer limit as the maximum of every int: no bound an admin needs to read.
    const max = option.maximum !== undefined && option.maximum < Number.MAX_SAFE_INTEGER ? option.maximum : undefined;
    if (option.minimum !== undefined && max !== undefined) return `${kind} ${option.minimum}–${max}`;
    const bounds = [
      option.exclusiveMinimum !== undefined ? `> ${option.exclusiveMinimum}` : undefined,
      option.minimum !== undefined ? `≥ ${option.minimum}` : undefined,
      max !== undefined ? `≤ ${max}` : undefined,
    ].filter(Boolean);
    return [kind, bounds.join(', ')].filter(Boolean).join(' ');
  }
  return 'text';
}

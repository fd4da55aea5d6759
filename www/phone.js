// Phone number input for the demo: a small table of countries, and
// `parsePhone`, which turns what a person typed ("06 12 34 56 78",
// "(415) 555-0123", "+44 7700 900123") into E.164 or into a sentence saying
// what is wrong, in the terms of the chosen country. It only checks lengths
// and prefixes; the SDK and the API have the last word.

/**
 * dial: calling code; lengths: digits after it; trunk: the national prefix
 * people type in front at home (stripped); example: a national-format number.
 */
/** Countries in the picker, by name; `the`: its name takes "the" in a sentence. */
export const COUNTRIES = [
  { iso: "AU", name: "Australia", dial: "61", lengths: [9], trunk: "0", example: "0412 345 678" },
  { iso: "BE", name: "Belgium", dial: "32", lengths: [8, 9], trunk: "0", example: "0470 12 34 56" },
  { iso: "BR", name: "Brazil", dial: "55", lengths: [10, 11], trunk: "0", example: "11 91234 5678" },
  { iso: "CA", name: "Canada", dial: "1", lengths: [10], trunk: "1", example: "604 555 0123", nanp: true },
  { iso: "FR", name: "France", dial: "33", lengths: [9], trunk: "0", example: "06 12 34 56 78" },
  { iso: "DE", name: "Germany", dial: "49", lengths: [10, 11], trunk: "0", example: "01512 3456789" },
  { iso: "IN", name: "India", dial: "91", lengths: [10], trunk: "0", example: "98765 43210" },
  { iso: "IE", name: "Ireland", dial: "353", lengths: [9], trunk: "0", example: "085 012 3456" },
  { iso: "IT", name: "Italy", dial: "39", lengths: [9, 10], example: "312 345 6789" },
  { iso: "JP", name: "Japan", dial: "81", lengths: [9, 10], trunk: "0", example: "090 1234 5678" },
  { iso: "MX", name: "Mexico", dial: "52", lengths: [10], example: "55 1234 5678" },
  { iso: "NL", the: true, name: "Netherlands", dial: "31", lengths: [9], trunk: "0", example: "06 12345678" },
  { iso: "NG", name: "Nigeria", dial: "234", lengths: [10], trunk: "0", example: "0802 123 4567" },
  { iso: "PT", name: "Portugal", dial: "351", lengths: [9], example: "912 345 678" },
  { iso: "SG", name: "Singapore", dial: "65", lengths: [8], example: "8123 4567" },
  { iso: "ZA", name: "South Africa", dial: "27", lengths: [9], trunk: "0", example: "071 123 4567" },
  { iso: "ES", name: "Spain", dial: "34", lengths: [9], example: "612 34 56 78" },
  { iso: "CH", name: "Switzerland", dial: "41", lengths: [9], trunk: "0", example: "078 123 45 67" },
  { iso: "GB", the: true, name: "United Kingdom", dial: "44", lengths: [10], trunk: "0", example: "07700 900123" },
  { iso: "US", the: true, name: "United States", dial: "1", lengths: [10], trunk: "1", example: "415 555 0123", nanp: true },
];

/** "France", "the United States": the country's name inside a sentence. */
export function inSentence(c) {
  return c.the ? `the ${c.name}` : c.name;
}

const byIso = new Map(COUNTRIES.map((c) => [c.iso, c]));

/** The country with this ISO code, or undefined. */
export function country(iso) {
  return byIso.get(iso);
}

/** A guess of the person's country from the browser's language (`en-GB` gives GB), else US. */
export function defaultCountry(languages = []) {
  for (const tag of languages) {
    const region = /^[a-z]{2,3}-([A-Z]{2})\b/i.exec(tag)?.[1]?.toUpperCase();
    if (region && byIso.has(region)) return region;
  }
  return "US";
}

function lengthText(lengths) {
  if (lengths.length === 1) return String(lengths[0]);
  const min = Math.min(...lengths);
  const max = Math.max(...lengths);
  return max === min + 1 ? `${min} or ${max}` : `${min} to ${max}`;
}

/** Groups national digits like the country's example, or in threes ending with four. */
export function formatNational(c, national) {
  if (c) {
    let example = c.example;
    if (c.trunk && example.startsWith(c.trunk)) example = example.slice(c.trunk.length).trimStart();
    const groups = example.split(/\s+/).map((g) => g.length);
    if (groups.reduce((a, b) => a + b, 0) === national.length) {
      let i = 0;
      return groups.map((n) => national.slice(i, (i += n))).join(" ");
    }
  }
  const out = [];
  let rest = national;
  while (rest.length > 4) {
    out.push(rest.slice(0, 3));
    rest = rest.slice(3);
  }
  out.push(rest);
  return out.join(" ");
}

function findByDial(digits, preferIso) {
  let best = [];
  for (const c of COUNTRIES) {
    if (!digits.startsWith(c.dial)) continue;
    if (!best.length || c.dial.length > best[0].dial.length) best = [c];
    else if (c.dial.length === best[0].dial.length) best.push(c);
  }
  return best.find((c) => c.iso === preferIso) || best.find((c) => c.iso === "US") || best[0];
}

const fail = (message, c) => ({ ok: false, message, country: c });

/**
 * Reads a phone number typed with the country `iso` selected.
 * Returns `{ ok: true, e164, country, national, display }` or
 * `{ ok: false, message, country }` (country: the one the message is about).
 * A leading `+` (or `00`) means the number carries its own country code.
 */
export function parsePhone(input, iso) {
  const selected = byIso.get(iso);
  const raw = String(input ?? "").trim();
  if (!raw) return fail("Enter your phone number.", selected);
  if (/[^\d\s\-.()+/]/.test(raw)) {
    return fail("A phone number has only digits. Spaces, dashes, dots and brackets are fine.", selected);
  }
  if (raw.lastIndexOf("+") > 0) return fail("Put the + only at the very start, before the country code.", selected);
  let digits = raw.replace(/\D/g, "");
  let international = raw.startsWith("+");
  if (!international && digits.startsWith("00")) {
    international = true;
    digits = digits.slice(2);
  } else if (!international && selected?.nanp && digits.startsWith("011")) {
    international = true;
    digits = digits.slice(3);
  }
  if (!digits) return fail("Enter your phone number.", selected);

  let c;
  let national;
  if (international) {
    if (digits.startsWith("0")) return fail("After the +, type the country code: it never starts with 0.", selected);
    c = findByDial(digits, iso);
    if (!c) {
      // A country this table does not know: only the E.164 rules apply.
      if (digits.length > 15) return fail("An international number has at most 15 digits after the +.", undefined);
      if (digits.length < 8) return fail("That number is too short. Check it and try again.", undefined);
      return { ok: true, e164: `+${digits}`, country: undefined, national: digits, display: `+${digits}` };
    }
    national = digits.slice(c.dial.length);
    if (c.trunk === "0" && national.startsWith("0")) {
      return fail(`After +${c.dial}, leave out the 0 that numbers in ${inSentence(c)} start with at home.`, c);
    }
  } else {
    c = selected;
    if (!c) return fail("Choose your country, or type the number with + and its country code.", undefined);
    national = digits;
    const max = Math.max(...c.lengths);
    // "0" is never part of the number after the country code; a "1" in front
    // of a North American number is only a prefix when there are 11 digits.
    if (c.trunk === "0" ? national.startsWith("0") : national.length === max + 1 && national.startsWith(c.trunk ?? "-")) {
      national = national.slice(c.trunk.length);
    } else if (national.length > max && national.startsWith(c.dial) && c.lengths.includes(national.length - c.dial.length)) {
      return fail(`It looks like this includes the country code ${c.dial}: type a + in front of it, or leave it out.`, c);
    }
  }

  const { lengths, dial } = c;
  const name = inSentence(c);
  const n = national.length;
  const expect = `numbers in ${name} have ${lengthText(lengths)} digits after +${dial}`;
  if (n < Math.min(...lengths)) {
    return fail(`That number is too short: ${expect}, and this one has ${n}.`, c);
  }
  if (n > Math.max(...lengths)) {
    return fail(`That number is too long: ${expect}, and this one has ${n}.`, c);
  }
  if (c.nanp) {
    if (/^[01]/.test(national)) return fail(`In ${name}, the area code (the first 3 digits) cannot start with 0 or 1.`, c);
    if (/^[01]/.test(national.slice(3))) {
      return fail(`In ${name}, the 3 digits after the area code cannot start with 0 or 1.`, c);
    }
  }
  return {
    ok: true,
    e164: `+${dial}${national}`,
    country: c,
    national,
    display: `+${dial} ${formatNational(c, national)}`,
  };
}

// The element's settings table (src/core/settings.ts), read in Node for the build: the
// custom-elements manifest's attributes and fields are written from it, and from the manifest
// the docs' attribute table (`npm run docs:tables`). The table is data only, with no imports, so
// one file transpiled on its own is all it takes.
import { readFileSync } from 'node:fs';
import ts from 'typescript';

export async function loadSettings() {
  const source = readFileSync(new URL('../src/core/settings.ts', import.meta.url), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  const url = `data:text/javascript;base64,${Buffer.from(outputText).toString('base64')}`;
  return (await import(url)).SETTINGS;
}

/** A setting's type as TypeScript writes it. */
function typeText(setting) {
  if (setting.values) return setting.values.map((v) => `'${v}'`).join(' | ');
  if (setting.property === 'config') return 'BannerConfig';
  if (setting.type === 'number') return 'number | string';
  return setting.default === null ? 'string | null' : setting.type;
}

/**
 * Adds the settings to `<tag>`'s declaration in `manifest`: an attribute for each setting that
 * has one, and a public field for each (the analyzer cannot see fields that a loop defines).
 */
export function addSettings(manifest, settings, tag = 'consent-banner') {
  const element = manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .find((declaration) => declaration.tagName === tag);
  if (!element) throw new Error(`custom-elements.json has no <${tag}>`);
  const shown = (s) => s.docDefault ?? JSON.stringify(s.default);
  element.attributes = settings
    .filter((s) => s.attribute)
    .map((s) => ({
      name: s.attribute,
      fieldName: s.property,
      type: { text: typeText(s) },
      default: shown(s),
      description: s.doc,
    }));
  const fields = settings.map((s) => ({
    kind: 'field',
    name: s.property,
    type: { text: typeText(s) },
    default: shown(s),
    description: s.doc,
    ...(s.attribute ? { attribute: s.attribute } : {}),
    ...(s.property === 'theme' ? { reflects: true } : {}),
  }));
  const names = new Set(fields.map((f) => f.name));
  element.members = [...fields, ...(element.members ?? []).filter((m) => !names.has(m.name))];
  return manifest;
}

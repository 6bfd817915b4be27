// Regenerates stripe-parameters.json from Stripe's published types (docs/stripe-emulator.md, "Parameters"):
//   cd /tmp/x && npm install stripe@23.1.0 typescript@5
//   node <repo>/src/Support.StripeEmulator/Schema/generate.js /tmp/x/node_modules > <repo>/src/Support.StripeEmulator/Schema/stripe-parameters.json
// It walks the parameter type of each endpoint the emulator serves (API 2026-10-28.endive) and prints every form key
// Stripe accepts ("#" stands for an array index, "*" for any hash key), the top-level required ones, and the enums.
const fs = require('fs');
const os = require('os');
const path = require('path');
const modules = path.resolve(process.argv[2] || 'node_modules');
const ts = require(path.join(modules, 'typescript'));
const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'stripe-params-')), 'endpoints.ts');
fs.writeFileSync(file, fs.readFileSync(path.join(__dirname, 'endpoints.ts'), 'utf8').replaceAll('STRIPE/', path.join(modules, 'stripe') + '/'));
const program = ts.createProgram([file], { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, skipLibCheck: true });
const checker = program.getTypeChecker();
const source = program.getSourceFile(file);
const endpoints = checker.getTypeAtLocation(source.statements.find(s => ts.isInterfaceDeclaration(s)));
const out = {}; let enums;
function walk(type, prefix, keys, depth, required) {
  if (depth > 12) throw new Error('too deep at ' + prefix);
  const parts = type.isUnion() ? type.types : [type];
  let leaf = false; let plain = false; const literals = [];
  for (const t of parts) {
    if (t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)) continue;
    if (t.flags & ts.TypeFlags.StringLiteral) { leaf = true; if (t.value !== '') literals.push(t.value); continue; }
    if (t.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike | ts.TypeFlags.BigIntLike)) { leaf = true; plain = true; continue; }
    if (t.isIntersection() && t.types.some(x => x.flags & ts.TypeFlags.String)) { leaf = true; continue; }
    if ((t.aliasSymbol && t.aliasSymbol.name === 'Decimal') || (t.isIntersection() && t.types.some(x => x.symbol && x.symbol.name === 'DecimalImpl'))) { leaf = true; plain = true; continue; }
    if (checker.isArrayType(t)) { leaf = true; walk(checker.getTypeArguments(t)[0], prefix + '[#]', keys, depth + 1, []); continue; }
    if (t.flags & ts.TypeFlags.Object) {
      const index = checker.getIndexInfoOfType(t, ts.IndexKind.String);
      if (index) { leaf = true; walk(index.type, prefix + '[*]', keys, depth + 1, []); }
      for (const p of checker.getPropertiesOfType(t)) {
        const name = prefix === '' ? p.name : `${prefix}[${p.name}]`;
        const pt = checker.getTypeOfSymbol(p);
        if (prefix === '' && !(p.flags & ts.SymbolFlags.Optional)) required.push(name);
        walk(pt, name, keys, depth + 1, []);
      }
      continue;
    }
    throw new Error('unhandled type at ' + prefix + ': ' + checker.typeToString(t));
  }
  if (leaf && prefix !== '') keys.add(prefix);
  if (literals.length && !plain) enums[prefix] = [...new Set(literals)].sort();
}
for (const ep of checker.getPropertiesOfType(endpoints)) {
  const keys = new Set(); const required = []; enums = {};
  const t = checker.getTypeOfSymbol(ep);
  for (const p of checker.getPropertiesOfType(t)) {
    if (!(p.flags & ts.SymbolFlags.Optional)) required.push(p.name);
    walk(checker.getTypeOfSymbol(p), p.name, keys, 1, []);
  }
  out[ep.name] = { required, keys: [...keys].sort(), enums };
}
console.log(JSON.stringify(out, null, 1));

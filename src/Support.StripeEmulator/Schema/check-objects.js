// Type-checks the emulator's objects and events against Stripe's published types (stripe@23.1.0, API 2026-10-28.endive):
// a field Stripe does not have, or a value of the wrong type, is reported. Run by hand, like generate.js:
//   cd /tmp/x && npm install stripe@23.1.0 typescript@5
//   dotnet run --project src/Support.StripeEmulator -- --urls http://127.0.0.1:12999 --StripeEmulator:DeliverWebhooks false
//   node <repo>/src/Support.StripeEmulator/Schema/check-objects.js /tmp/x/node_modules http://127.0.0.1:12999/stripe-emulator --make-history
// --make-history first walks every flow the emulator has (checkout of each test card and mode, renewals, retries, 3-D Secure,
// pause, refunds, disputes, portal update); without it, whatever the emulator holds is checked. Exit code 1 on any finding.
const fs = require('fs'); const os = require('os'); const path = require('path');
const [modules, base] = [path.resolve(process.argv[2]), process.argv[3]];
const ts = require(path.join(modules, 'typescript'));
const headers = { Authorization: 'Bearer sk_test_check', 'Content-Type': 'application/x-www-form-urlencoded' };

async function call(method, url, form) {
  const response = await fetch(url.startsWith('http') ? url : base + url, { method, headers, redirect: 'manual', body: form && new URLSearchParams(form) });
  const text = await response.text();
  if (response.status >= 400 && response.status !== 402) throw new Error(`${method} ${url} ${response.status} ${text}`);
  return text.startsWith('{') ? JSON.parse(text) : response.status;
}
const post = (url, form) => call('POST', url, form || {});
const card = (number, extra) => ({ email: 'check@example.org', cardNumber: number, expiry: '12/34', cvc: '123', name: 'Check Reader', three_d_secure: 'complete', ...extra });

async function makeHistory() {
  const product = (await post('/v1/products', { name: 'Reader support' })).id;
  const session = (mode, amount, extra) => post('/v1/checkout/sessions', {
    mode, success_url: 'https://x.example/ok?s={CHECKOUT_SESSION_ID}', cancel_url: 'https://x.example/no', customer_email: 'check@example.org',
    'line_items[0][quantity]': '1', 'line_items[0][price_data][currency]': 'usd', 'line_items[0][price_data][product]': product,
    'line_items[0][price_data][unit_amount]': String(amount), 'metadata[k]': 'v', ...extra });
  const paid = async (created, number) => { await post(created.url, card(number)); return call('GET', `/v1/checkout/sessions/${created.id}`); };
  const subscribe = async (number, interval = 'month') => paid(await session('subscription', 500,
    { 'line_items[0][price_data][recurring][interval]': interval, 'subscription_data[metadata][k]': 'v' }), number);
  const control = (what) => post(`${base}/control/${what}`);
  const ok = await subscribe('4242424242424242');
  await control(`subscriptions/${(await subscribe('4242424242424242', 'year')).subscription}/advance`);
  const fails = await subscribe('4000000000000341');
  const failed = (await control(`subscriptions/${fails.subscription}/advance`)).invoice;
  await control(`invoices/${failed}/retry`);
  await control(`customers/${fails.customer}/card?number=4242424242424242`);
  await control(`invoices/${failed}/retry`);
  const secure = await subscribe('4000002760003184');
  const waiting = (await control(`subscriptions/${secure.subscription}/advance`)).invoice;
  await post((await call('GET', `/v1/invoices/${waiting}`)).hosted_invoice_url, { action: 'authenticate', three_d_secure: 'complete' });
  const leaves = await subscribe('4000000000000341');
  await post(`/v1/subscriptions/${leaves.subscription}`, { cancel_at_period_end: 'true', 'cancellation_details[feedback]': 'too_expensive' });
  await control(`subscriptions/${leaves.subscription}/advance`);
  await subscribe('4000000000000259');
  await paid(await session('payment', 2500, { customer_creation: 'always', 'invoice_creation[enabled]': 'true', submit_type: 'donate',
    'invoice_creation[invoice_data][metadata][f]': 'once', 'payment_intent_data[metadata][k]': 'v' }), '4000000000000259');
  const [won, lost] = (await call('GET', '/v1/disputes')).data;
  await control(`disputes/${won.id}/close?outcome=won`);
  await post(`/v1/disputes/${lost.id}/close`);
  const gift = await paid(await session('payment', 1000), '4242424242424242');
  await post('/v1/refunds', { payment_intent: gift.payment_intent, amount: '300' });
  await control(`payment_intents/${gift.payment_intent}/refund`);
  await post(`/v1/subscriptions/${ok.subscription}`, { 'pause_collection[behavior]': 'void' });
  await control(`subscriptions/${ok.subscription}/advance`);
  await post(`/v1/subscriptions/${ok.subscription}`, { pause_collection: '' });
  await control(`subscriptions/${ok.subscription}/upcoming`);
  const portal = await post('/v1/billing_portal/sessions', { customer: ok.customer, return_url: 'https://x.example/a', 'flow_data[type]': 'payment_method_update' });
  await post(`${portal.url}/payment-method`, card('4242424242424242'));
  await call('DELETE', `/v1/subscriptions/${secure.subscription}`, { 'cancellation_details[comment]': 'bye' });
  return [['Session', [ok, gift]], ['PortalSession', [portal]], ['Customer', [await call('GET', `/v1/customers/${ok.customer}`)]]];
}

async function all(list, query = '') {
  const out = [];
  for (let after = ''; ;) {
    const page = await call('GET', `${list}?limit=100${query}${after && `&starting_after=${after}`}`);
    out.push(...page.data);
    if (!page.has_more) return out;
    after = page.data[page.data.length - 1].id;
  }
}

(async () => {
  const extra = process.argv.includes('--make-history') ? await makeHistory() : [];
  const lists = [['Event', '/v1/events'], ['Charge', '/v1/charges'], ['PaymentIntent', '/v1/payment_intents'], ['Dispute', '/v1/disputes'],
    ['Refund', '/v1/refunds'], ['BalanceTransaction', '/v1/balance_transactions'], ['Invoice', '/v1/invoices'], ['Subscription', '/v1/subscriptions', '&status=all']];
  const objects = [...extra];
  for (const [type, list, query] of lists) objects.push([type, await all(list, query)]);
  const R = path.join(modules, 'stripe/esm/resources');
  let source = ['Event:Events', 'Charge:Charges', 'PaymentIntent:PaymentIntents', 'Dispute:Disputes', 'Refund:Refunds', 'BalanceTransaction:BalanceTransactions',
    'Invoice:Invoices', 'Subscription:Subscriptions', 'Customer:Customers'].map(p => `import { ${p.split(':')[0]} } from '${R}/${p.split(':')[1]}.js';`).join('\n');
  source += `\nimport { Session } from '${R}/Checkout/Sessions.js';\nimport { Session as PortalSession } from '${R}/BillingPortal/Sessions.js';\n`;
  // Partial at every depth: fields the emulator leaves out are not findings; fields Stripe lacks and wrong types are.
  source += 'type DeepPartial<T> = T extends (infer U)[] ? DeepPartial<U>[] : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;\n';
  let count = 0;
  for (const [type, list] of objects) for (const object of list) source += `const o${count++}: DeepPartial<${type}> = ${JSON.stringify(object)};\n`;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'stripe-objects-')), 'objects.ts');
  fs.writeFileSync(file, source + 'export {};\n');
  const program = ts.createProgram([file], { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler, skipLibCheck: true });
  const findings = ts.getPreEmitDiagnostics(program).filter(d => d.file && d.file.fileName === file);
  for (const d of findings) {
    const line = d.file.text.split('\n')[d.file.getLineAndCharacterOfPosition(d.start).line];
    console.log(line.slice(0, 80), '::', ts.flattenDiagnosticMessageText(d.messageText, ' | ').slice(-300));
  }
  console.log(`${count} objects checked (${objects.map(([t, l]) => `${l.length} ${t}`).join(', ')}), ${findings.length} findings`);
  process.exit(findings.length === 0 ? 0 : 1);
})().catch(error => { console.error(error.message); process.exit(2); });

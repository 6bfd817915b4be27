using System.Net;

namespace Support.StripeEmulator.Checkout;

/// <summary>The shared page frame: the emulator banner on every page, so nobody mistakes it for real Stripe.</summary>
internal static class Html
{
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static string Page(string title, string body) => $$"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{E(title)}} – Stripe test emulator</title>
        <style>
          body { font-family: system-ui, sans-serif; margin: 0; color: #1a1a1a; background: #fff; line-height: 1.5; }
          .banner { background: #5c2d00; color: #fff; padding: .75rem 1rem; font-weight: 600; text-align: center; }
          main { max-width: 28rem; margin: 2rem auto; padding: 0 1rem; }
          label { display: block; margin-top: 1rem; font-weight: 600; }
          input { display: block; width: 100%; box-sizing: border-box; padding: .5rem; font-size: 1rem; border: 1px solid #555; border-radius: 4px; }
          input:focus, button:focus, a:focus { outline: 3px solid #0b57d0; outline-offset: 2px; }
          .hint { color: #444; font-size: .9rem; margin: .25rem 0 0; }
          .amount { font-size: 1.5rem; font-weight: 700; }
          .error { background: #fdecea; color: #8a1c1c; border: 1px solid #8a1c1c; padding: .75rem; border-radius: 4px; }
          button { margin-top: 1.5rem; width: 100%; padding: .75rem; font-size: 1.1rem; background: #0b57d0; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
          button.secondary { background: #fff; color: #0b57d0; border: 2px solid #0b57d0; }
          .notice { background: #e8f0fe; border: 1px solid #0b57d0; padding: .75rem; border-radius: 4px; }
          a { color: #0b4fb8; }
        </style>
        </head>
        <body>
        <header class="banner">Stripe test emulator — no real payment is taken</header>
        <main>
        {{body}}
        </main>
        </body>
        </html>
        """;
}

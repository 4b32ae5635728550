import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';

/**
 * A bare page for the answer to a signed link (签收 of a warning, confirming or ending a subscription):
 * the link names no agency, so there is no agency frame, and search engines must not index it.
 */
export function signedLinkPage(title: string, body: ComponentChildren): string {
  return (
    '<!doctype html>' +
    renderToString(
      <html lang="zh-CN">
        <head>
          <meta charSet="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="robots" content="noindex" />
          <title>{title}</title>
          <link rel="stylesheet" href="/static/portal.css" />
        </head>
        <body>
          <main id="main" class="wrap">
            {body}
          </main>
        </body>
      </html>,
    )
  );
}

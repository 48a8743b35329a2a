// The page `npm run screenshot` photographs renders the comment as GitHub does.
import { describe, expect, it } from '@jest/globals';
import { commentPage } from '../../scripts/comment-page.js';

const COMMENT = `<!-- konigle-deploy-action key="1" run="17" attempt="1" -->
### ✅ Deployed to uat

| | |
|---|---|
| **uat** | [shop-uat.hostbento.app](https://shop-uat.hostbento.app) |
| **Job** | \`abc\` success |

<sub>acme/shop · run [#17](https://github.com/acme/shop/actions/runs/4242)</sub>
`;

describe('commentPage', () => {
  const page = commentPage(COMMENT);

  it('renders the GitHub-flavoured table, heading, links and code', () => {
    expect(page).toContain('<h3>✅ Deployed to uat</h3>');
    expect(page).toMatch(/<table>[\s\S]*<strong>uat<\/strong>[\s\S]*<\/table>/);
    expect(page).toContain('<a href="https://shop-uat.hostbento.app">shop-uat.hostbento.app</a>');
    expect(page).toContain('<code>abc</code>');
  });

  it('keeps the hidden marker hidden, as an HTML comment', () => {
    expect(page).toContain('<!-- konigle-deploy-action key="1" run="17" attempt="1" -->');
    expect(page).not.toContain('&lt;!--');
  });

  it('loads nothing from the network', () => {
    expect(page).not.toMatch(/<(link|script|img)\b/);
  });
});

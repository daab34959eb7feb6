/** Host pages for embed tests that the examples do not cover (issue 7). */
export const TWO_EDITORS_PAGE = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Two editors</title></head>
  <body>
    <div id="a" style="height: 260px"></div>
    <div id="b" style="height: 260px; margin-top: 16px"></div>
    <script src="http://localhost:1234/embed.js"></script>
    <script>
      const params = new URLSearchParams(location.search);
      const user = { name: 'Two Editors', color: '#0b7285' };
      window.editors = ['a', 'b'].map((id) =>
        Quire.mountEditor('#' + id, { docName: params.get(id), token: params.get('token'), user }),
      );
    </script>
  </body>
</html>
`;

/** Two script-tag editors of one document: comments shown (the default) and `comments: false`. */
export const COMMENTS_PAGE = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Comments in embeds</title></head>
  <body>
    <div id="with" style="height: 360px"></div>
    <div id="without" style="height: 260px; margin-top: 16px"></div>
    <script src="http://localhost:1234/embed.js"></script>
    <script>
      const params = new URLSearchParams(location.search);
      const options = { docName: params.get('doc'), token: params.get('token') };
      window.editors = [
        Quire.mountEditor('#with', options),
        Quire.mountEditor('#without', { ...options, comments: false }),
      ];
    </script>
  </body>
</html>
`;

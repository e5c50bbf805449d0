// Stands in for semver/functions/parse in the client bundle (scripts/build.mjs): the language client
// uses it once, to read VS Code's version for its own minimum-version check. The full semver package
// cost about 6 KB of the 400 KB VSIX budget; this is the part of it that check reads.
module.exports = function parse(version) {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(String(version).trim());
  return m ? { version: String(version), major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), prerelease: m[4] ? m[4].split('.') : [] } : null;
};

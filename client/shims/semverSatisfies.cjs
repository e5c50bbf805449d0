// Stands in for semver/functions/satisfies in the client bundle (scripts/build.mjs), for the language
// client's check that VS Code is at least its "^1.x.y". A range of another shape passes: the
// manifest's engines.vscode (far newer) is what keeps older VS Code versions away.
module.exports = function satisfies(version, range) {
  const m = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(String(range).trim());
  if (!m || !version) return Boolean(version);
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (version.major !== major) return false;
  return version.minor > minor || (version.minor === minor && version.patch >= patch);
};

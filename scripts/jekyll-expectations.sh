#!/usr/bin/env bash
# Builds every fixture site under fixtures/sites/ with the real Jekyll 4.3 and checks the
# result with html-proofer 3, offline, then writes what they publish and what they find
# broken to fixtures/sites/<site>.expected (the test `tests/jekyll_sites.rs` compares the
# site model and the link lints with these files on every `cargo test`, without Ruby).
#
# usage: scripts/jekyll-expectations.sh [SITE...]      (all sites by default)
# Installs Jekyll, html-proofer and the GitHub Pages default plugins from Debian's packages
# when they are missing (needs root or sudo and apt-get).
#
# Plugins, as the site is published: a site with a Gemfile that does not use the
# `github-pages` gem is built in Actions with its own plugins (`plugins:` of `_config.yml`);
# any other site by GitHub Pages' classic build, which adds its default plugins
# (relative-links, optional-front-matter, readme-index, titles-from-headings, default-layout).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
HERE=$ROOT/scripts/jekyll

PACKAGES="jekyll ruby-html-proofer ruby-kramdown-parser-gfm ruby-jekyll-relative-links
  ruby-jekyll-optional-front-matter ruby-jekyll-default-layout ruby-jekyll-titles-from-headings
  ruby-jekyll-readme-index ruby-jekyll-redirect-from"
if ! command -v jekyll >/dev/null || ! ruby -e 'require "html-proofer"; require "jekyll-redirect-from"' 2>/dev/null; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $PACKAGES >/dev/null
fi

if [ $# -gt 0 ]; then SITES=("$@"); else
  SITES=(); for d in fixtures/sites/*/; do SITES+=("$(basename "$d")"); done
fi
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
export JEKYLL_ENV=production JEKYLL_NO_BUNDLER_REQUIRE=true
for name in "${SITES[@]}"; do
  src=$ROOT/fixtures/sites/$name
  out=$WORK/$name; mkdir -p "$out"
  mode=ghpages
  if [ -f "$src/Gemfile" ] && ! grep -qs 'github-pages' "$src/Gemfile"; then mode=gemfile; fi
  ruby "$HERE/overlay.rb" "$src/_config.yml" "$mode" > "$out/overlay.yml"
  base=$(ruby -ryaml -e 'print YAML.load_file(ARGV[0])["baseurl"].to_s.chomp("/")' "$out/overlay.yml")
  if ! SOURCE_MAP=$out/map.json jekyll build -s "$src" -d "$out/root$base" --plugins "$HERE/plugins" \
      --config "$src/_config.yml,$out/overlay.yml" --disable-disk-cache > "$out/build.log" 2>&1; then
    cat "$out/build.log" >&2; echo "$name: jekyll build failed" >&2; exit 1
  fi
  ruby "$HERE/expect.rb" "$name" "$mode" "$base" "$out/root" "$out/map.json" > "fixtures/sites/$name.expected"
  echo "$name: $(grep -c '^url ' "fixtures/sites/$name.expected") URLs, $(grep -c '^broken ' "fixtures/sites/$name.expected") broken links ($mode)"
done

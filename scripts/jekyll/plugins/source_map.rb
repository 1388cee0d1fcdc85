# Loaded only by scripts/jekyll-expectations.sh: after the site is written, records which
# source file each written page came from (SOURCE_MAP names the JSON file to write). Pages
# that plugins generate (redirects) have no source file and are left out.
Jekyll::Hooks.register :site, :post_write do |site|
  map = {}
  (site.pages + site.documents).each do |item|
    next if item.respond_to?(:write?) && !item.write?
    next if defined?(JekyllRedirectFrom::RedirectPage) && item.is_a?(JekyllRedirectFrom::RedirectPage)
    dest = item.destination(site.dest).delete_prefix(site.dest + "/")
    map[dest] = File.expand_path(item.path, site.source).delete_prefix(File.expand_path(site.source) + "/")
  end
  File.write(ENV.fetch("SOURCE_MAP"), JSON.generate(map))
end

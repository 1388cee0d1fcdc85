# The extra configuration a fixture site is built with: the plugins of its builder.
# usage: ruby overlay.rb _config.yml ghpages|gemfile  -> YAML on stdout
require "yaml"
config = YAML.load_file(ARGV[0]) || {}
plugins = Array(config["plugins"])
if ARGV[1] == "ghpages"
  plugins += %w[jekyll-relative-links jekyll-optional-front-matter jekyll-readme-index
                jekyll-titles-from-headings jekyll-default-layout]
end
puts({ "plugins" => plugins.uniq, "baseurl" => config["baseurl"].to_s }.to_yaml)

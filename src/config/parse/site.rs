//! Reading the `[site]` table: who builds the site and its published baseurl, when the
//! detection from the repository (Gemfile, workflows, `_config.yml`) is not what publishes it.

use std::collections::BTreeMap;

use handbook_lints::site::Builder;

use super::{Item, Parser, SiteTable, Value, SITE_KEYS};

/// The values `builder` takes, and who each one means.
pub const BUILDERS: [(&str, Builder); 2] = [
    ("github-pages", Builder::GitHubPages),
    ("actions", Builder::OwnGemfile),
];

impl Parser<'_> {
    pub(super) fn site(&mut self, v: &Value<'_>, lines: &mut BTreeMap<String, usize>) -> SiteTable {
        let mut site = SiteTable::default();
        let Some(table) = self.table(v) else {
            return site;
        };
        for (k, v) in table.iter() {
            let Some(spec) = self.known(k, SITE_KEYS, "site") else {
                continue;
            };
            let line = self.line(k.span().start);
            lines.insert(format!("site.{}", spec.name), line);
            let Some(value) = self.string(v) else {
                continue;
            };
            match spec.name {
                "builder" => match BUILDERS.iter().find(|(name, _)| *name == value) {
                    Some(&(_, builder)) => site.builder = Some(Item { value: builder, line }),
                    None => {
                        let names: Vec<String> =
                            BUILDERS.iter().map(|(n, _)| format!("`{n}`")).collect();
                        let hint = super::did_you_mean(&value, BUILDERS.iter().map(|(n, _)| *n));
                        self.error(
                            v.span(),
                            format!(
                                "unknown builder `{value}`: expected {}{hint}",
                                names.join(" or ")
                            ),
                        );
                    }
                },
                "baseurl" if !value.is_empty() && !value.starts_with('/') => self.error(
                    v.span(),
                    format!(
                        "the baseurl `{value}` must start with `/` (`/{value}`), or be \"\" for none"
                    ),
                ),
                "baseurl" => {
                    site.baseurl = Some(Item {
                        value: value.trim_end_matches('/').to_string(),
                        line,
                    })
                }
                other => unreachable!("`site.{other}` has no reader"),
            }
        }
        site
    }
}

//! Reading `[lints.NAME]` tables: the severity and the lint's options, each option checked
//! by its declared kind and then by the lint's options type, the table parsed once.

use std::collections::BTreeMap;

use handbook_lints::options::{OptionField, OptionKind};
use handbook_lints::{registry, LintMeta, Severity};

use super::{did_you_mean, Item, Level, LintTable, Parser, Value, SEVERITY_KEY};

impl Parser<'_> {
    pub(super) fn lint_tables(
        &mut self,
        v: &Value<'_>,
        lines: &mut BTreeMap<String, usize>,
    ) -> Vec<LintTable> {
        let Some(table) = self.table(v) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (k, v) in table.iter() {
            let name = k.get_ref().as_ref();
            let Some(lint) = registry::find(name) else {
                let hint = did_you_mean(name, registry::metas().map(|m| m.name));
                self.error(
                    k.span(),
                    format!("unknown lint `{name}` in `[lints]`{hint}"),
                );
                continue;
            };
            let Some(settings) = self.table(v) else {
                continue;
            };
            let mut lt = LintTable {
                lint,
                severity: None,
                options: Vec::new(),
                parsed: None,
            };
            for (k, v) in settings.iter() {
                let key = k.get_ref().as_ref();
                let line = self.line(k.span().start);
                if key == SEVERITY_KEY.name {
                    lines.insert(format!("lints.{}.severity", lint.name), line);
                    lt.severity = self.severity(v).map(|value| Item { value, line });
                    continue;
                }
                let fields = lint.options.as_ref().map_or(&[][..], |o| o.fields);
                let Some(option) = lint.options.as_ref().and_then(|o| o.field(key)) else {
                    let known =
                        std::iter::once(SEVERITY_KEY.name).chain(fields.iter().flat_map(|o| {
                            std::iter::once(o.name).chain(o.aliases.iter().copied())
                        }));
                    let hint = did_you_mean(key, known);
                    let accepted = std::iter::once("`severity`".to_string())
                        .chain(fields.iter().map(|o| format!("`{}`", o.name)))
                        .collect::<Vec<_>>()
                        .join(", ");
                    self.error(
                        k.span(),
                        format!(
                            "unknown key `{key}` in `[lints.{}]`{hint}; it accepts {accepted}",
                            lint.name
                        ),
                    );
                    continue;
                };
                lines.insert(format!("lints.{}.{}", lint.name, option.name), line);
                if let Some(value) = self.option(v, lint, option) {
                    lt.options.retain(|(n, _)| *n != option.name);
                    lt.options.push((option.name, Item { value, line }));
                }
            }
            if let (Some(decl), false) = (&lint.options, lt.options.is_empty()) {
                let values = lt
                    .options
                    .iter()
                    .map(|(n, i)| (n.to_string(), i.value.clone()));
                match decl.parse(values.collect()) {
                    Ok(parsed) => lt.parsed = Some(parsed),
                    Err(why) => self.error(
                        k.span(),
                        format!("invalid options for `{}`: {why}", lint.name),
                    ),
                }
            }
            if let Some(i) = out
                .iter()
                .position(|t: &LintTable| t.lint.code == lint.code)
            {
                // `[lints.HB302]` and `[lints.invalid-front-matter]` both: the later wins.
                self.error(
                    k.span(),
                    format!("`{}` is configured twice (by code and by name)", lint.name),
                );
                out.remove(i);
            }
            out.push(lt);
        }
        out
    }

    fn severity(&mut self, v: &Value<'_>) -> Option<Level> {
        let s = self.string(v)?;
        if s == "off" {
            return Some(Level::Off);
        }
        match Severity::parse(&s) {
            Some(sev) => Some(Level::On(sev)),
            None => {
                let hint = did_you_mean(&s, ["error", "warning", "info", "off"].into_iter());
                self.error(
                    v.span(),
                    format!(
                        "unknown severity `{s}`{hint}; use `error`, `warning`, `info` or `off`"
                    ),
                );
                None
            }
        }
    }

    /// The value of `lint`'s option `field`: of its kind, then accepted by the lint's options
    /// type (which may ask more of it), as JSON.
    fn option(
        &mut self,
        v: &Value<'_>,
        lint: &LintMeta,
        field: &OptionField,
    ) -> Option<serde_json::Value> {
        let value = match field.kind {
            OptionKind::Bool => serde_json::Value::from(self.bool(v)?),
            OptionKind::Integer => serde_json::Value::from(self.integer(v)?),
            OptionKind::String | OptionKind::OneOf(_) => serde_json::Value::from(self.string(v)?),
            OptionKind::StringList => {
                let items = self.strings(v)?.into_iter().map(|(s, _)| s);
                serde_json::Value::from(items.collect::<Vec<_>>())
            }
        };
        let one = serde_json::Map::from_iter([(field.name.to_string(), value.clone())]);
        if let Err(why) = lint.options.as_ref()?.parse(one) {
            self.error(
                v.span(),
                format!(
                    "invalid value for `{}` in `[lints.{}]`: {why}",
                    field.name, lint.name
                ),
            );
            return None;
        }
        Some(value)
    }
}

//! Jekyll's permalinks: the built-in styles, the placeholders of a template, the date of a
//! post (from its file name or its `date:`, in the site's time zone) and `slugify`.

/// A date and time of day, as a post's URL reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateTime {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    /// Seconds since midnight.
    pub seconds: u32,
}

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

impl DateTime {
    /// Whether the month and day can be a date (Jekyll rejects others).
    fn in_range(&self) -> bool {
        (1..=12).contains(&self.month) && (1..=31).contains(&self.day)
    }

    /// Seconds since the epoch, reading this date as UTC.
    pub fn timestamp(&self) -> i64 {
        days_from_civil(self.year, self.month, self.day) * 86_400 + self.seconds as i64
    }

    pub fn from_timestamp(t: i64) -> DateTime {
        let (year, month, day) = civil_from_days(t.div_euclid(86_400));
        DateTime {
            year,
            month,
            day,
            seconds: t.rem_euclid(86_400) as u32,
        }
    }

    fn days(&self) -> i64 {
        days_from_civil(self.year, self.month, self.day)
    }

    /// 1 = Monday … 7 = Sunday.
    fn weekday(&self) -> i64 {
        (self.days() + 3).rem_euclid(7) + 1
    }

    fn day_of_year(&self) -> i64 {
        self.days() - days_from_civil(self.year, 1, 1) + 1
    }

    /// `%V`: the ISO 8601 week of the year (weeks start on Monday; week 1 has the year's
    /// first Thursday).
    fn iso_week(&self) -> i64 {
        let week = (self.day_of_year() - self.weekday() + 10) / 7;
        let weeks_in = |year: i64| {
            let dec28 = DateTime {
                year,
                month: 12,
                day: 28,
                seconds: 0,
            };
            (dec28.day_of_year() - dec28.weekday() + 10) / 7
        };
        if week < 1 {
            weeks_in(self.year - 1)
        } else if week > weeks_in(self.year) {
            1
        } else {
            week
        }
    }
}

/// `YYYY-MM-DD-` at the start of a post's file name: the date, and the rest.
pub fn date_of_name(name: &str) -> Option<(DateTime, &str)> {
    let b = name.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() < 12 || b[4] != b'-' || b[7] != b'-' || b[10] != b'-' {
        return None;
    }
    if !(digits(0..4) && digits(5..7) && digits(8..10)) {
        return None;
    }
    let date = DateTime {
        year: name[..4].parse().ok()?,
        month: name[5..7].parse().ok()?,
        day: name[8..10].parse().ok()?,
        seconds: 0,
    };
    // Jekyll rejects a month or day out of range: no date.
    date.in_range().then_some((date, &name[11..]))
}

/// A front matter `date:` (`2024-03-05`, `2024-03-05 20:30[:00] [+0100|Z]`): the date and
/// time as written, and the UTC offset in seconds when one is written.
pub fn parse_date(text: &str) -> Option<(DateTime, Option<i64>)> {
    let text = text.trim();
    let (date, rest) = text.split_at_checked(text.len().min(10))?;
    let mut parts = date.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    let mut dt = DateTime {
        year: year.parse().ok()?,
        month: month.parse().ok()?,
        day: day.parse().ok()?,
        seconds: 0,
    };
    let rest = rest.trim_start_matches(['T', ' ']);
    if rest.is_empty() {
        return dt.in_range().then_some((dt, None));
    }
    let (time, zone) = match rest.find(['+', '-', 'Z', ' ']) {
        Some(i) => (&rest[..i], rest[i..].trim()),
        None => (rest, ""),
    };
    let mut hms = time
        .split(':')
        .map(|p| p.split('.').next().unwrap_or("").parse::<u32>());
    let h = hms.next().and_then(Result::ok)?;
    let m = hms.next().and_then(Result::ok).unwrap_or(0);
    let s = hms.next().and_then(Result::ok).unwrap_or(0);
    if !dt.in_range() || h > 23 || m > 59 || s > 60 {
        return None;
    }
    dt.seconds = h * 3600 + m * 60 + s;
    let offset = match zone {
        "" => None,
        "Z" | "UTC" => Some(0),
        z => {
            let sign = if z.starts_with('-') { -1 } else { 1 };
            let digits: String = z.chars().skip(1).filter(char::is_ascii_digit).collect();
            let (hh, mm) = digits.split_at(digits.len().min(2));
            Some(sign * (hh.parse::<i64>().ok()? * 3600 + mm.parse::<i64>().unwrap_or(0) * 60))
        }
    };
    Some((dt, offset))
}

/// The template of a built-in permalink style for posts, or the template itself.
pub fn post_template(style: &str) -> &str {
    match style {
        "" | "date" => "/:categories/:year/:month/:day/:title:output_ext",
        "pretty" => "/:categories/:year/:month/:day/:title/",
        "ordinal" => "/:categories/:year/:y_day/:title:output_ext",
        "weekdate" => "/:categories/:year/W:week/:short_day/:title:output_ext",
        "none" => "/:categories/:title:output_ext",
        template => template,
    }
}

/// Jekyll's `slugify`: `default` mode replaces every run of characters other than letters
/// and digits with `-`; `pretty` keeps `._~!$&'()+,;=@` too. Lowercase unless `cased`.
pub fn slugify(text: &str, pretty: bool, cased: bool) -> String {
    let keep = |c: char| c.is_alphanumeric() || (pretty && "._~!$&'()+,;=@".contains(c));
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if keep(c) {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-');
    if cased {
        out.to_string()
    } else {
        out.to_lowercase()
    }
}

/// The values a template's placeholders take for one document.
#[derive(Debug, Default)]
pub struct Placeholders<'a> {
    pub collection: &'a str,
    /// The path in the collection, without the extension.
    pub path: &'a str,
    /// The file name without the extension (and without the date, for a post).
    pub name: &'a str,
    /// Front matter `slug`.
    pub slug: Option<&'a str>,
    pub categories: Vec<String>,
    pub date: Option<DateTime>,
}

const NAMES: &[&str] = &[
    "categories",
    "collection",
    "output_ext",
    "short_year",
    "short_day",
    "long_day",
    "short_month",
    "long_month",
    "i_month",
    "basename",
    "minute",
    "second",
    "y_day",
    "i_day",
    "title",
    "month",
    "slug",
    "name",
    "path",
    "year",
    "week",
    "hour",
    "day",
];

const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Placeholders<'_> {
    /// Append the value of the placeholder `key` to `out`.
    fn write_value(&self, key: &str, out: &mut String) {
        let d = self.date.unwrap_or(DateTime {
            year: 1970,
            month: 1,
            day: 1,
            seconds: 0,
        });
        match key {
            "collection" => out.push_str(self.collection),
            "path" => out.push_str(self.path),
            "basename" => out.push_str(self.name),
            "name" => out.push_str(&slugify(self.name, false, false)),
            "title" => out.push_str(&slugify(self.slug.unwrap_or(self.name), true, true)),
            "slug" => out.push_str(&slugify(self.slug.unwrap_or(self.name), false, false)),
            "categories" => {
                let mut seen: Vec<String> = Vec::new();
                for c in &self.categories {
                    let c = c.to_lowercase();
                    if !seen.contains(&c) {
                        seen.push(c);
                    }
                }
                for (i, c) in seen.iter().enumerate() {
                    if i > 0 {
                        out.push('/');
                    }
                    out.push_str(c);
                }
            }
            "output_ext" => out.push_str(".html"),
            "year" => padded(out, d.year, 4),
            "short_year" => padded(out, d.year.rem_euclid(100), 2),
            "month" => padded(out, d.month.into(), 2),
            "i_month" => padded(out, d.month.into(), 1),
            "short_month" => out.push_str(&MONTHS[d.month as usize - 1][..3]),
            "long_month" => out.push_str(MONTHS[d.month as usize - 1]),
            "day" => padded(out, d.day.into(), 2),
            "i_day" => padded(out, d.day.into(), 1),
            "y_day" => padded(out, d.day_of_year(), 3),
            "short_day" => out.push_str(&DAYS[d.weekday() as usize - 1][..3]),
            "long_day" => out.push_str(DAYS[d.weekday() as usize - 1]),
            "week" => padded(out, d.iso_week(), 2),
            "hour" => padded(out, (d.seconds / 3600).into(), 2),
            "minute" => padded(out, (d.seconds / 60 % 60).into(), 2),
            "second" => padded(out, (d.seconds % 60).into(), 2),
            _ => {}
        }
    }

    /// `template` with every placeholder replaced, as Jekyll's `URL` does: repeated `/`
    /// squeezed, a leading `/` added.
    pub fn expand(&self, template: &str) -> String {
        let mut out = String::with_capacity(template.len() + 16);
        let mut rest = template;
        while let Some(at) = rest.find(':') {
            out.push_str(&rest[..at]);
            let after = &rest[at + 1..];
            match NAMES.iter().find(|n| after.starts_with(**n)) {
                Some(name) => {
                    self.write_value(name, &mut out);
                    rest = &after[name.len()..];
                }
                None => {
                    out.push(':');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        // `/` is one byte in UTF-8: the text between slashes is copied as it is.
        let mut url = String::with_capacity(out.len() + 1);
        url.push('/');
        for piece in out.split('/') {
            if !piece.is_empty() {
                if !url.ends_with('/') {
                    url.push('/');
                }
                url.push_str(piece);
            }
        }
        if out.ends_with('/') && !url.ends_with('/') {
            url.push('/');
        }
        url
    }
}

/// `n` in decimal, with zeros in front to `width` digits (as `{n:0width$}` writes it).
fn padded(out: &mut String, n: i64, width: usize) {
    if n < 0 {
        out.push_str(&format!("{n:0width$}"));
        return;
    }
    let mut digits = [b'0'; 20];
    let (mut at, mut rest) = (digits.len(), n);
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let start = at.min(digits.len() - width.min(digits.len()));
    out.extend(digits[start..].iter().map(|&b| char::from(b)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_that_cannot_be_are_none_never_a_panic() {
        for bad in [
            "2024-03-0é5",
            "2024-00-05",
            "2024-13-05 10:00",
            "2024-03-00",
            "2024-03-05 9999999:00",
            "2024-03-05 20:61",
        ] {
            assert!(parse_date(bad).is_none(), "{bad}");
        }
        let _ = parse_date("2024-03-05 20:30 é");
        assert!(date_of_name("2024-00-05-x.md").is_none());
        assert!(date_of_name("2024-03-05-x.md").is_some());
    }

    #[test]
    fn dates_and_weeks() {
        let (d, rest) = date_of_name("2024-01-02-in-folder").unwrap();
        assert_eq!(rest, "in-folder");
        assert_eq!((d.weekday(), d.iso_week(), d.day_of_year()), (2, 1, 2));
        assert_eq!(date_of_name("2024-03-05-x").unwrap().0.iso_week(), 10);
        let (d, _) = date_of_name("2023-12-31-x").unwrap();
        assert_eq!((d.weekday(), d.iso_week(), d.day_of_year()), (7, 52, 365));
        assert_eq!(DateTime::from_timestamp(d.timestamp()), d);
        let (d, off) = parse_date("2024-03-05 20:30:00 +0000").unwrap();
        assert_eq!((d.seconds, off), (73_800, Some(0)));
        assert_eq!(parse_date("2024-03-05").unwrap().1, None);
        assert_eq!(parse_date("2024-03-05 10:00 -0130").unwrap().1, Some(-5400));
    }

    #[test]
    fn templates_expand() {
        let p = Placeholders {
            name: "Mixed-Case",
            categories: vec!["Big".into(), "news".into()],
            date: date_of_name("2024-03-05-x").map(|(d, _)| d),
            ..Placeholders::default()
        };
        assert_eq!(
            p.expand(post_template("date")),
            "/big/news/2024/03/05/Mixed-Case.html"
        );
        assert_eq!(
            p.expand("/blog/:year/:i_month/:i_day/:slug:output_ext"),
            "/blog/2024/3/5/mixed-case.html"
        );
        assert_eq!(
            p.expand(post_template("ordinal")),
            "/big/news/2024/065/Mixed-Case.html"
        );
        assert_eq!(slugify("Big News!", false, false), "big-news");
    }
}

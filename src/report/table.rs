//! `table`: per article a heading and aligned sections, then the corpus
//! summary. Aligned with our own width function (see `width`).

use std::io::{self, Write};

use super::width::{pad, truncate, width};
use super::{Sink, Summary, enum_str};
use crate::model::{Article, DateMention};

/// Widest a cell may be before it is cut.
const MAX_CELL: usize = 40;

pub struct TableSink<W: Write> {
    out: W,
    color: bool,
}

impl<W: Write> TableSink<W> {
    pub fn new(out: W, color: bool) -> Self {
        TableSink { out, color }
    }

    fn styled(&self, s: &str, code: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    fn section(&mut self, name: &str, header: &[&str], rows: Vec<Vec<String>>) -> io::Result<()> {
        let title = self.styled(name, "1;36");
        if rows.is_empty() {
            return writeln!(self.out, "  {title}  (none)");
        }
        writeln!(self.out, "  {title}")?;
        let header: Vec<String> = header.iter().map(|s| s.to_string()).collect();
        let lines = align(&header, &rows);
        let mut iter = lines.into_iter();
        if let Some(h) = iter.next() {
            writeln!(self.out, "    {}", self.styled(h.trim_end(), "2"))?;
        }
        for line in iter {
            writeln!(self.out, "    {}", line.trim_end())?;
        }
        Ok(())
    }
}

/// Rows laid out in columns: each cell cut to `MAX_CELL` (40) and padded to its
/// column's width. The first line is the header.
pub fn align(header: &[String], rows: &[Vec<String>]) -> Vec<String> {
    let cells: Vec<Vec<String>> = std::iter::once(header)
        .chain(rows.iter().map(Vec::as_slice))
        .map(|r| r.iter().map(|c| truncate(c, MAX_CELL).into_owned()).collect())
        .collect();
    let cols = header.len();
    let widths: Vec<usize> = (0..cols)
        .map(|i| {
            cells
                .iter()
                .filter_map(|r| r.get(i))
                .map(|c| width(c))
                .max()
                .unwrap_or(0)
        })
        .collect();
    cells
        .iter()
        .map(|r| {
            r.iter()
                .enumerate()
                .map(|(i, c)| pad(c, widths[i]))
                .collect::<Vec<_>>()
                .join("  ")
        })
        .collect()
}

fn date_row(d: &DateMention) -> Vec<String> {
    let kind = enum_str(&d.kind);
    let resolved = enum_str(&d.resolved);
    vec![
        d.span.text.to_string(),
        d.value.as_deref().unwrap_or("–").to_string(),
        kind,
        resolved,
    ]
}

fn mentions(ms: &[crate::model::Span]) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for m in ms {
        if !seen.contains(&m.text.as_str()) {
            seen.push(&m.text);
        }
    }
    format!("{}× {}", ms.len(), seen.join(", "))
}

impl<W: Write> Sink for TableSink<W> {
    fn article(&mut self, a: &Article) -> io::Result<()> {
        let mut head = format!("{} · {}", a.path, a.lang.code());
        if let Some(p) = &a.published {
            head.push_str(&format!(" · published {}", p.value.as_deref().unwrap_or(&p.span.text)));
        }
        writeln!(self.out, "{}", self.styled(&format!("━━ {head}"), "1"))?;
        if let Some(t) = &a.title {
            writeln!(self.out, "  {}", truncate(t, 100))?;
        }
        if let (Some(r), Some(src)) = (&a.reference_date, a.reference_source) {
            let src = enum_str(&src);
            writeln!(self.out, "  reference date {r} ({src})")?;
        }
        for w in &a.warnings {
            writeln!(self.out, "  {} {w}", self.styled("warning:", "33"))?;
        }
        let dates = a.dates.iter().map(date_row).collect();
        self.section("dates", &["text", "value", "type", "resolved"], dates)?;
        let people = a
            .people
            .iter()
            .map(|p| {
                vec![
                    p.name.to_string(),
                    p.id.to_string(),
                    p.native.to_string(),
                    enum_str(&p.source),
                    mentions(&p.mentions),
                ]
            })
            .collect();
        // `from`: a gazetteer, a pattern, or the tagger (`model`).
        self.section("people", &["name", "id", "native", "from", "mentions"], people)?;
        let places = a
            .places
            .iter()
            .map(|p| {
                vec![
                    p.name.to_string(),
                    p.kind.to_string(),
                    p.country.as_deref().unwrap_or_default().to_string(),
                    enum_str(&p.source),
                    mentions(&p.mentions),
                ]
            })
            .collect();
        self.section("places", &["name", "kind", "country", "from", "mentions"], places)?;
        let events = a
            .events
            .iter()
            .map(|e| {
                vec![
                    e.kind.as_str().to_string(),
                    e.status.as_str().to_string(),
                    e.date.as_deref().unwrap_or_default().to_string(),
                    e.place.as_deref().unwrap_or_default().to_string(),
                    e.participants.join(", "),
                    e.trigger.text.to_string(),
                ]
            })
            .collect();
        self.section(
            "events",
            &["type", "status", "date", "place", "participants", "trigger"],
            events,
        )?;
        writeln!(self.out)
    }

    fn finish(&mut self, s: &Summary) -> io::Result<()> {
        let langs: Vec<String> = s.languages.iter().map(|(l, n)| format!("{l} {n}")).collect();
        let head = format!(
            "━━ {} article{}, {} bytes{}{}",
            s.articles,
            if s.articles == 1 { "" } else { "s" },
            s.bytes,
            if langs.is_empty() {
                String::new()
            } else {
                format!(" ({})", langs.join(", "))
            },
            if s.unread > 0 {
                format!(", {} input{} not read", s.unread, if s.unread == 1 { "" } else { "s" })
            } else {
                String::new()
            },
        );
        writeln!(self.out, "{}", self.styled(&head, "1"))?;
        writeln!(
            self.out,
            "  dates {} · people {} · places {} · events {}",
            s.dates, s.people, s.places, s.events
        )?;
        for (label, list) in [("people", &s.top_people), ("places", &s.top_places)] {
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|r| {
                    vec![
                        r.name.clone(),
                        r.id.clone(),
                        r.articles.to_string(),
                        r.mentions.to_string(),
                    ]
                })
                .collect();
            self.section(&format!("top {label}"), &["name", "id", "articles", "mentions"], rows)?;
        }
        let rows: Vec<Vec<String>> = s
            .events_by_type
            .iter()
            .map(|(kind, by_status)| {
                let statuses: Vec<String> = by_status.iter().map(|(st, n)| format!("{st} {n}")).collect();
                vec![
                    kind.clone(),
                    by_status.values().sum::<usize>().to_string(),
                    statuses.join(", "),
                ]
            })
            .collect();
        self.section("events", &["type", "count", "by status"], rows)?;
        let rows: Vec<Vec<String>> = s
            .timeline
            .iter()
            .map(|d| {
                vec![
                    d.date.to_string(),
                    d.kind.clone(),
                    d.participants.join(", "),
                    d.place.as_deref().unwrap_or_default().to_string(),
                    d.status.clone(),
                    d.article.clone(),
                ]
            })
            .collect();
        self.section(
            "timeline",
            &["date", "type", "participants", "place", "status", "article"],
            rows,
        )?;
        for (label, pairs) in [
            ("people together", &s.people_pairs),
            ("people and places", &s.person_place_pairs),
        ] {
            let rows: Vec<Vec<String>> = pairs
                .iter()
                .map(|p| vec![p.a.clone(), p.b.clone(), p.articles.to_string()])
                .collect();
            self.section(label, &["", "", "articles"], rows)?;
        }
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bengali_and_hindi_rows_align() {
        let header = vec!["name".to_string(), "kind".to_string()];
        let rows = vec![
            vec!["রাশিয়া".to_string(), "country".to_string()],
            vec!["मॉस्को".to_string(), "city".to_string()],
            vec!["আলাস্কা".to_string(), "region".to_string()],
            vec!["Kyiv".to_string(), "city".to_string()],
        ];
        let lines = align(&header, &rows);
        // The second column starts at the same terminal column on every line.
        let starts: Vec<usize> = lines
            .iter()
            .zip(std::iter::once(&header).chain(rows.iter()))
            .map(|(l, r)| width(&l[..l.find(r[1].as_str()).unwrap()]))
            .collect();
        assert!(
            starts.windows(2).all(|w| w[0] == w[1]),
            "{starts:?}\n{}",
            lines.join("\n")
        );
        assert_eq!(starts[0], width("রাশিয়া") + 2);
    }
}

//! The site paths of a site's files, as a walk of the whole site lists them for its index.

/// Site paths in one string, each where its span says: a site keeps the list from its walk
/// to its site pass, and one `String` a path held each path twice over (its block and its 24
/// bytes in the list) while the pages' own paths were kept too. A walk on every core pushes
/// the paths in no set order; [`FileList::sort`] orders the spans, not the text, so that
/// sorting a site's paths needs no second copy of them (8 bytes a path to order them).
#[derive(Debug, Default, Clone)]
pub struct FileList {
    text: String,
    /// Where each path is in `text`, in the list's order.
    spans: Vec<(u32, u32)>,
}

/// `n` as a place in the text: a site's paths fit in 4 GiB.
fn place(n: usize) -> u32 {
    u32::try_from(n).expect("a site's paths fit in 4 GiB")
}

impl FileList {
    pub fn push(&mut self, path: &str) {
        let start = place(self.text.len());
        self.text.push_str(path);
        self.spans.push((start, place(self.text.len())));
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The paths, in the list's order: as pushed, or sorted once [`FileList::sort`] ran.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        self.spans.iter().map(|&span| self.at(span))
    }

    fn at(&self, (start, end): (u32, u32)) -> &str {
        &self.text[start as usize..end as usize]
    }

    /// The paths put in byte order, without the room they grew with.
    pub fn sort(&mut self) {
        let text = &self.text;
        let at = |(start, end): (u32, u32)| &text[start as usize..end as usize];
        self.spans.sort_unstable_by(|&a, &b| at(a).cmp(at(b)));
        self.shrink_to_fit();
    }

    /// Without the room it grew with.
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.spans.shrink_to_fit();
    }
}

impl<S: AsRef<str>> FromIterator<S> for FileList {
    fn from_iter<I: IntoIterator<Item = S>>(paths: I) -> FileList {
        let mut list = FileList::default();
        for p in paths {
            list.push(p.as_ref());
        }
        list.shrink_to_fit();
        list
    }
}

#[cfg(test)]
mod tests {
    use super::FileList;

    #[test]
    fn paths_come_back_as_pushed() {
        let paths = ["a.md", "", "docs/é/b.png", "c"];
        let list: FileList = paths.iter().collect();
        assert_eq!(list.len(), 4);
        assert_eq!(list.iter().len(), 4);
        assert_eq!(list.iter().collect::<Vec<_>>(), paths);
        assert!(FileList::default().iter().next().is_none() && FileList::default().is_empty());
    }

    #[test]
    fn sorted_paths_are_in_byte_order_and_all_there() {
        let paths = ["b/x.md", "a.md", "", "a/b.md", "é.md", "a.md", "Z.md"];
        let mut list = FileList::default();
        for p in paths {
            list.push(p);
        }
        let mut sorted = list.clone();
        sorted.sort();
        let mut want = paths.to_vec();
        want.sort();
        assert_eq!(sorted.iter().collect::<Vec<_>>(), want);
        assert_eq!(sorted.iter().len(), paths.len());
        let mut none = FileList::default();
        none.sort();
        assert!(none.is_empty());
    }
}

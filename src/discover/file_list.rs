//! The site paths of a site's files, as a walk of the whole site lists them for its index.

/// Site paths in one string, each ending where `ends` says: a site keeps the list from its
/// walk to its site pass, and one `String` a path held each path twice over (its block and
/// its 24 bytes in the list) while the pages' own paths were kept too.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FileList {
    text: String,
    ends: Vec<u32>,
}

impl FileList {
    pub fn push(&mut self, path: &str) {
        self.text.push_str(path);
        let end = u32::try_from(self.text.len()).expect("a site's paths fit in 4 GiB");
        self.ends.push(end);
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The paths, in the order pushed.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        (0..self.ends.len()).map(|i| {
            let start = i.checked_sub(1).map_or(0, |p| self.ends[p] as usize);
            &self.text[start..self.ends[i] as usize]
        })
    }

    /// Without the room it grew with.
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
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
}

//! The content catalogues, loaded and validated once: thinking traps, crisis
//! rules, communication scripts, questionnaires, mindfulness practices and
//! programmes — the shipped ones (`goodenough_core::content`, embedded) with
//! the data directory's own files layered on top.
//!
//! The data directory's files (the same paths the CLI has always read):
//!
//! ```text
//! <data dir>/traps.toml            thinking traps and reframe prompts
//! <data dir>/scripts/*.toml        communication scripts
//! <data dir>/instruments/*.toml    questionnaires
//! <data dir>/practices/*.toml      mindfulness practices
//! <data dir>/programmes/*.toml     programmes
//! ```
//!
//! Own files add to the shipped content or replace an entry with the same id
//! (programmes may not reuse an id). A file that cannot be read or used is a
//! [`Problem`]: it is left out, reported once (to the `on_problem` callback,
//! when the catalogue loads) and hides nothing else — the other files and
//! the shipped content still load. The crisis rules are the shipped ones with
//! the operator's "help now" message.
//!
//! Each catalogue loads on its first use, once per [`Catalogues`] value, so a
//! command reads only what it uses; a server calls [`Catalogues::load_all`] at
//! start so that no request reads a file.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use goodenough_core::assessment::{self, Instrument};
use goodenough_core::awareness::{parse_practice, practice_catalog, Practice};
use goodenough_core::content::ContentError;
use goodenough_core::programme::{self, Programme, ProgrammeError, ProgrammeErrors, Targets};
use goodenough_core::safety::SafetyRules;
use goodenough_core::scripts::ScriptLibrary;
use goodenough_core::traps::TrapCatalog;

/// Which catalogue a problem belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Traps,
    Scripts,
    Questionnaires,
    Practices,
    Programmes,
}

impl Kind {
    /// The catalogue's name in a sentence ("questionnaires").
    pub fn words(self) -> &'static str {
        match self {
            Kind::Traps => "thinking traps",
            Kind::Scripts => "communication scripts",
            Kind::Questionnaires => "questionnaires",
            Kind::Practices => "mindfulness practices",
            Kind::Programmes => "programmes",
        }
    }
}

/// One file that could not be used (it is left out; nothing else is).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub kind: Kind,
    /// The file, as the catalogue names it (see [`Naming`]).
    pub file: String,
    /// What is wrong, naming the file, the line and the field when known
    /// (one line).
    pub sentence: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.sentence)
    }
}

/// How own files are named in problems and as the origin of what they hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Naming {
    /// The whole path (`/home/sam/.local/share/goodenough/scripts/mine.toml`):
    /// for the person at their own terminal.
    Path,
    /// The path inside the data directory (`scripts/mine.toml`): for a
    /// server, whose pages should not show where its files live.
    InDataDir,
}

/// The programmes and the files that could not be used (kept whole: a
/// programme that is asked for by id names its broken file).
#[derive(Debug, Clone, Default)]
pub struct Programmes {
    pub list: Vec<Programme>,
    pub errors: Vec<ProgrammeErrors>,
}

type Report = Box<dyn Fn(&Problem) + Send + Sync>;

/// Every catalogue, each loaded on first use. Share it in an `Arc`.
pub struct Catalogues {
    dir: Option<PathBuf>,
    naming: Naming,
    help_now: Option<String>,
    report: Option<Report>,
    safety: OnceLock<Result<SafetyRules, ContentError>>,
    traps: OnceLock<(TrapCatalog, Vec<Problem>)>,
    scripts: OnceLock<(ScriptLibrary, Vec<Problem>)>,
    instruments: OnceLock<(Vec<Instrument>, Vec<Problem>)>,
    practices: OnceLock<(Vec<Practice>, Vec<Problem>)>,
    programmes: OnceLock<(Programmes, Vec<Problem>)>,
}

impl fmt::Debug for Catalogues {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Catalogues")
            .field("dir", &self.dir)
            .field("naming", &self.naming)
            .finish_non_exhaustive()
    }
}

impl Catalogues {
    /// The shipped content only.
    pub fn shipped() -> Catalogues {
        Catalogues {
            dir: None,
            naming: Naming::Path,
            help_now: None,
            report: None,
            safety: OnceLock::new(),
            traps: OnceLock::new(),
            scripts: OnceLock::new(),
            instruments: OnceLock::new(),
            practices: OnceLock::new(),
            programmes: OnceLock::new(),
        }
    }

    /// The shipped content with the own files of a data directory on top
    /// (a directory or file that does not exist simply adds nothing).
    pub fn with_data_dir(dir: impl Into<PathBuf>) -> Catalogues {
        Catalogues {
            dir: Some(dir.into()),
            ..Catalogues::shipped()
        }
    }

    /// How own files are named (default [`Naming::Path`]).
    pub fn naming(mut self, naming: Naming) -> Catalogues {
        self.naming = naming;
        self
    }

    /// The operator's "help now" message for their region (blank: the
    /// shipped one).
    pub fn help_now(mut self, message: Option<String>) -> Catalogues {
        self.help_now = message.filter(|m| !m.trim().is_empty());
        self
    }

    /// Called once for each file that cannot be used, when its catalogue
    /// loads. It must not use these catalogues.
    pub fn on_problem(mut self, report: impl Fn(&Problem) + Send + Sync + 'static) -> Catalogues {
        self.report = Some(Box::new(report));
        self
    }

    /// Loads every catalogue now and returns the files that could not be
    /// used. Fails only when the shipped crisis rules cannot be built.
    pub fn load_all(&self) -> Result<Vec<Problem>, ContentError> {
        self.safety()?;
        self.traps();
        self.scripts();
        self.programmes();
        Ok(self.problems())
    }

    /// The problems of the catalogues loaded so far, catalogue by catalogue.
    pub fn problems(&self) -> Vec<Problem> {
        let mut all = Vec::new();
        all.extend(self.traps.get().map(|l| &l.1).into_iter().flatten());
        all.extend(self.scripts.get().map(|l| &l.1).into_iter().flatten());
        all.extend(self.instruments.get().map(|l| &l.1).into_iter().flatten());
        all.extend(self.practices.get().map(|l| &l.1).into_iter().flatten());
        all.extend(self.programmes.get().map(|l| &l.1).into_iter().flatten());
        all.into_iter().cloned().collect()
    }

    /// The crisis-language rules with the operator's help message.
    pub fn safety(&self) -> Result<&SafetyRules, ContentError> {
        self.safety
            .get_or_init(|| {
                let rules = SafetyRules::shipped()?;
                Ok(match &self.help_now {
                    Some(text) => rules.with_help_message(text),
                    None => rules,
                })
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Thinking traps and reframe prompts: shipped plus `traps.toml`.
    pub fn traps(&self) -> &TrapCatalog {
        &self
            .traps
            .get_or_init(|| {
                let mut problems = Vec::new();
                let mut catalog = TrapCatalog::shipped().unwrap_or_else(|e| {
                    problems.push(content_problem(Kind::Traps, e));
                    TrapCatalog::default()
                });
                for (file, src) in self.own_file("traps.toml", Kind::Traps, &mut problems) {
                    // All of the file or none of it.
                    let mut next = catalog.clone();
                    match next.add_toml(&src, &file) {
                        Ok(()) => catalog = next,
                        Err(e) => problems.push(content_problem(Kind::Traps, e)),
                    }
                }
                self.reported(catalog, problems)
            })
            .0
    }

    /// Communication scripts: shipped plus `scripts/*.toml`.
    pub fn scripts(&self) -> &ScriptLibrary {
        &self
            .scripts
            .get_or_init(|| {
                let mut problems = Vec::new();
                let mut lib = ScriptLibrary::shipped().unwrap_or_else(|e| {
                    problems.push(content_problem(Kind::Scripts, e));
                    ScriptLibrary::default()
                });
                for (file, src) in self.own_dir("scripts", Kind::Scripts, &mut problems) {
                    if let Err(e) = lib.add_toml(&file, &src) {
                        problems.push(content_problem(Kind::Scripts, e));
                    }
                }
                self.reported(lib, problems)
            })
            .0
    }

    /// Questionnaires: shipped plus `instruments/*.toml`, by id.
    pub fn instruments(&self) -> &[Instrument] {
        &self
            .instruments
            .get_or_init(|| {
                let mut problems = Vec::new();
                let mut all = assessment::load_all(&[]).unwrap_or_else(|e| {
                    problems.push(content_problem(Kind::Questionnaires, e));
                    Vec::new()
                });
                for (file, src) in self.own_dir("instruments", Kind::Questionnaires, &mut problems)
                {
                    match Instrument::parse(&file, &src, &file) {
                        Ok(i) => {
                            all.retain(|other| other.id != i.id);
                            all.push(i);
                        }
                        Err(e) => problems.push(content_problem(Kind::Questionnaires, e)),
                    }
                }
                all.sort_by(|a, b| a.id.cmp(&b.id));
                self.reported(all, problems)
            })
            .0
    }

    /// Mindfulness practices: shipped plus `practices/*.toml`, by id.
    pub fn practices(&self) -> &[Practice] {
        &self
            .practices
            .get_or_init(|| {
                let mut problems = Vec::new();
                let mut all = practice_catalog(&[]).unwrap_or_else(|e| {
                    problems.push(content_problem(Kind::Practices, e));
                    Vec::new()
                });
                for (file, src) in self.own_dir("practices", Kind::Practices, &mut problems) {
                    match parse_practice(&file, &src) {
                        Ok(p) => {
                            all.retain(|other| other.id != p.id);
                            all.push(p);
                        }
                        Err(e) => problems.push(content_problem(Kind::Practices, e)),
                    }
                }
                all.sort_by(|a, b| a.id.cmp(&b.id));
                self.reported(all, problems)
            })
            .0
    }

    /// The questionnaires and practices a programme may point at.
    pub fn targets(&self) -> Targets {
        Targets {
            instruments: self.instruments().iter().map(|i| i.id.clone()).collect(),
            practices: self.practices().iter().map(|p| p.id.clone()).collect(),
        }
    }

    /// Programmes: shipped plus `programmes/*.toml` (shipped first, then
    /// the own ones, each by title), their targets checked against
    /// [`Catalogues::targets`].
    pub fn programmes(&self) -> &Programmes {
        &self
            .programmes
            .get_or_init(|| {
                let targets = self.targets();
                let mut problems = Vec::new();
                let own = self.own_dir("programmes", Kind::Programmes, &mut problems);
                // Unreadable files, in the programmes' own error shape.
                let mut unreadable: Vec<ProgrammeErrors> = problems
                    .iter()
                    .map(|p: &Problem| {
                        ProgrammeErrors(vec![ProgrammeError {
                            file: p.file.clone(),
                            line: None,
                            field: "file".into(),
                            message: p
                                .sentence
                                .strip_prefix(&format!("{}: ", p.file))
                                .unwrap_or(&p.sentence)
                                .to_string(),
                        }])
                    })
                    .collect();
                let (list, mut errors) = programme::load_all_with(&own, &targets);
                for e in &errors {
                    for one in &e.0 {
                        problems.push(Problem {
                            kind: Kind::Programmes,
                            file: one.file.clone(),
                            sentence: one_line(&one.to_string()),
                        });
                    }
                }
                errors.append(&mut unreadable);
                self.reported(Programmes { list, errors }, problems)
            })
            .0
    }

    fn reported<T>(&self, value: T, problems: Vec<Problem>) -> (T, Vec<Problem>) {
        if let Some(report) = &self.report {
            for p in &problems {
                report(p);
            }
        }
        (value, problems)
    }

    fn name(&self, path: &Path) -> String {
        match (self.naming, &self.dir) {
            (Naming::InDataDir, Some(dir)) => {
                path.strip_prefix(dir).unwrap_or(path).display().to_string()
            }
            _ => path.display().to_string(),
        }
    }

    /// The data directory's file `name`, when there is one.
    fn own_file(
        &self,
        name: &str,
        kind: Kind,
        problems: &mut Vec<Problem>,
    ) -> Vec<(String, String)> {
        let Some(dir) = &self.dir else {
            return Vec::new();
        };
        let path = dir.join(name);
        match std::fs::read_to_string(&path) {
            Ok(src) => vec![(self.name(&path), src)],
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => {
                problems.push(self.unreadable(kind, &path, &e));
                Vec::new()
            }
        }
    }

    /// The `*.toml` files of the data directory's folder `sub`, by name.
    fn own_dir(&self, sub: &str, kind: Kind, problems: &mut Vec<Problem>) -> Vec<(String, String)> {
        let Some(dir) = &self.dir else {
            return Vec::new();
        };
        let dir = dir.join(sub);
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
            Err(e) => {
                problems.push(self.unreadable(kind, &dir, &e));
                return Vec::new();
            }
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        paths.sort();
        let mut files = Vec::with_capacity(paths.len());
        for path in paths {
            match std::fs::read_to_string(&path) {
                Ok(src) => files.push((self.name(&path), src)),
                Err(e) => problems.push(self.unreadable(kind, &path, &e)),
            }
        }
        files
    }

    fn unreadable(&self, kind: Kind, path: &Path, e: &std::io::Error) -> Problem {
        let file = self.name(path);
        Problem {
            kind,
            sentence: format!(
                "{file}: cannot be read ({e}); check that it exists and you may read it"
            ),
            file,
        }
    }
}

fn content_problem(kind: Kind, e: ContentError) -> Problem {
    Problem {
        kind,
        file: e.file.clone(),
        sentence: one_line(&e.to_string()),
    }
}

/// A parser's message over several lines, as one.
fn one_line(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    const SCRIPT: &str = "name = \"thanks\"\ntitle = \"Thanks\"\nwhen = \"Someone helped.\"\ntemplate = \"Thank you, {person}.\"\n\n[[variables]]\nname = \"person\"\ndescription = \"Who helped\"\n";

    #[test]
    fn shipped_catalogues_load_without_problems() {
        let c = Catalogues::shipped();
        assert_eq!(c.load_all().expect("safety rules"), Vec::new());
        assert!(!c.traps().traps().is_empty());
        assert!(!c.scripts().list().is_empty());
        assert!(!c.instruments().is_empty());
        assert!(!c.practices().is_empty());
        assert_eq!(c.programmes().list.len(), 2);
    }

    #[test]
    fn a_broken_file_is_reported_once_and_hides_nothing_else() {
        let dir = tempfile::tempdir().expect("tmp");
        std::fs::create_dir_all(dir.path().join("practices")).expect("dir");
        std::fs::write(
            dir.path().join("practices/broken.toml"),
            "id = \"broken\"\ntitle = = 1\n",
        )
        .expect("write");
        std::fs::write(
            dir.path().join("practices/walk.toml"),
            "id = \"walk\"\ntitle = \"Walk\"\ndefault_minutes = 5\ncues = [{ at_seconds = 0, text = \"Walk.\" }]\n",
        )
        .expect("write");
        std::fs::write(
            dir.path().join("traps.toml"),
            "[[trap]]\nslug = \"x\"\nname = \"X\n",
        )
        .expect("write");
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        let c = Catalogues::with_data_dir(dir.path())
            .naming(Naming::InDataDir)
            .on_problem(move |p| log.lock().expect("lock").push(p.clone()));
        // Only what is used loads.
        let ids: Vec<&str> = c.practices().iter().map(|p| p.id.as_str()).collect();
        assert!(
            ids.contains(&"walk") && ids.contains(&"breathing"),
            "{ids:?}"
        );
        assert!(!ids.contains(&"broken"));
        let first = seen.lock().expect("lock").clone();
        assert_eq!(first.len(), 1, "{first:?}");
        assert_eq!(first[0].kind, Kind::Practices);
        assert!(
            first[0]
                .sentence
                .starts_with("practices/broken.toml, line 2"),
            "{}",
            first[0]
        );
        // Used again: not reported again.
        c.practices();
        assert_eq!(seen.lock().expect("lock").len(), 1);
        // The broken traps file leaves the shipped traps.
        let problems = c.load_all().expect("safety");
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(seen.lock().expect("lock").len(), 2);
        assert!(problems
            .iter()
            .any(|p| p.kind == Kind::Traps && p.file == "traps.toml"));
        assert_eq!(
            c.traps().traps().len(),
            Catalogues::shipped().traps().traps().len()
        );
    }

    #[test]
    fn own_files_add_and_override_and_name_their_origin() {
        let dir = tempfile::tempdir().expect("tmp");
        std::fs::create_dir_all(dir.path().join("scripts")).expect("dir");
        std::fs::write(dir.path().join("scripts/thanks.toml"), SCRIPT).expect("write");
        let c = Catalogues::with_data_dir(dir.path());
        let s = c.scripts().get("thanks").expect("own script");
        assert_eq!(
            s.origin,
            dir.path().join("scripts/thanks.toml").display().to_string()
        );
        let c = Catalogues::with_data_dir(dir.path()).naming(Naming::InDataDir);
        assert_eq!(
            c.scripts().get("thanks").expect("own script").origin,
            "scripts/thanks.toml"
        );
    }

    #[test]
    fn an_unreadable_file_is_a_problem_too() {
        let dir = tempfile::tempdir().expect("tmp");
        // A directory where a file should be cannot be read as one.
        std::fs::create_dir_all(dir.path().join("programmes/odd.toml")).expect("dir");
        let c = Catalogues::with_data_dir(dir.path()).naming(Naming::InDataDir);
        let loaded = c.programmes();
        assert_eq!(loaded.list.len(), 2, "the shipped ones still load");
        assert_eq!(loaded.errors.len(), 1);
        let text = loaded.errors[0].to_string();
        assert!(
            text.starts_with("programmes/odd.toml, file: cannot be read ("),
            "{text}"
        );
        let problems = c.problems();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].kind, Kind::Programmes);
    }

    #[test]
    fn the_operators_help_message_replaces_the_shipped_one() {
        let c = Catalogues::shipped().help_now(Some("Call 116 123.".into()));
        assert_eq!(c.safety().expect("rules").help_message(), "Call 116 123.");
        let blank = Catalogues::shipped().help_now(Some("  ".into()));
        assert_eq!(
            blank.safety().expect("rules").help_message(),
            SafetyRules::shipped().expect("rules").help_message()
        );
    }
}

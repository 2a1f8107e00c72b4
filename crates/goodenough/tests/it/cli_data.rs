//! "Your data is yours": export, import and erase through the real binary,
//! each run against its own temporary data directory.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

const MARKER: &str = "zebra-marker-8731";
const KINDS: [&str; 4] = ["checkins", "thoughts", "wins", "setbacks"];

fn ge(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("goodenough").expect("binary is built");
    cmd.env_remove("GOODENOUGH_HOME")
        .env_remove("GOODENOUGH_DATABASE_URL")
        .env("GOODENOUGH_NOW", "2024-05-01T20:00:00Z")
        .arg("--data-dir")
        .arg(dir);
    cmd
}

fn checkin(dir: &Path, date: &str, mood: &str, first: &str) {
    ge(dir)
        .args(["checkin", "--mood", mood, "--energy", "5", "--date", date])
        .args(["--appreciate", &format!("work: {first}")])
        .args(["--appreciate", "rest: took a proper lunch break"])
        .args(["--appreciate", "relationships: called my sister"])
        .assert()
        .success();
}

/// Two check-ins, a win and a setback.
fn seed(dir: &Path) {
    checkin(dir, "2024-04-01", "6", "shipped the report at 90%");
    checkin(dir, "2024-04-02", "4", "asked for help early");
    ge(dir)
        .args([
            "win",
            "sent the email without a fourth re-read",
            "--date",
            "2024-04-02",
        ])
        .assert()
        .success();
    ge(dir)
        .args([
            "setback",
            "stayed late polishing slides",
            "--lesson",
            "set a timer",
        ])
        .args(["--date", "2024-04-03"])
        .assert()
        .success();
}

fn export(dir: &Path) -> Value {
    let out = ge(dir)
        .arg("export")
        .assert()
        .success()
        .get_output()
        .clone();
    serde_json::from_slice(&out.stdout).expect("export is JSON")
}

/// The records of an export (every kind array plus the settings).
fn records(doc: &Value) -> Value {
    let mut r = serde_json::Map::new();
    for k in KINDS {
        r.insert(k.into(), doc[k].clone());
    }
    r.insert("settings".into(), doc["settings"].clone());
    Value::Object(r)
}

fn count(doc: &Value, kind: &str) -> usize {
    doc[kind].as_array().expect("kind is an array").len()
}

fn write_json(path: &Path, v: &Value) {
    std::fs::write(path, serde_json::to_vec_pretty(v).expect("serialises")).expect("writes");
}

fn import(dir: &Path, file: &Path) -> Value {
    let out = ge(dir)
        .arg("--json")
        .arg("import")
        .arg(file)
        .assert()
        .success()
        .get_output()
        .clone();
    serde_json::from_slice(&out.stdout).expect("report is JSON")
}

#[test]
fn export_has_the_documented_shape() {
    let tmp = TempDir::new().expect("tempdir");
    seed(tmp.path());
    let doc = export(tmp.path());
    assert_eq!(doc["format"], "goodenough-export");
    assert_eq!(doc["format_version"], 1);
    assert_eq!(doc["exported_at"], "2024-05-01T20:00:00Z");
    assert_eq!(count(&doc, "checkins"), 2);
    assert_eq!(count(&doc, "thoughts"), 0);
    assert_eq!(count(&doc, "wins"), 1);
    assert_eq!(count(&doc, "setbacks"), 1);
    // Oldest first.
    assert_eq!(doc["checkins"][0]["date"], "2024-04-01");
    assert_eq!(doc["checkins"][1]["date"], "2024-04-02");
    assert_eq!(doc["setbacks"][0]["lesson"], "set a timer");

    // --out writes the same document to a file, and says so on stdout.
    let file = tmp.path().join("mine.json");
    ge(tmp.path())
        .arg("export")
        .arg("--out")
        .arg(&file)
        .assert()
        .success()
        .stdout(predicates::str::contains("2 check-ins"));
    let written: Value =
        serde_json::from_slice(&std::fs::read(&file).expect("file exists")).expect("JSON");
    assert_eq!(written, doc);
    // No temporary file is left next to it.
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
        .expect("lists")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn export_erase_import_restores_the_same_records() {
    let tmp = TempDir::new().expect("tempdir");
    let data = tmp.path().join("data");
    seed(&data);
    let before = export(&data);
    let file = tmp.path().join("export.json");
    write_json(&file, &before);

    ge(&data).args(["erase", "--yes"]).assert().success();
    let empty = export(&data);
    for k in KINDS {
        assert_eq!(count(&empty, k), 0, "{k} after erase");
    }

    ge(&data)
        .arg("import")
        .arg(&file)
        .assert()
        .success()
        .stdout(predicates::str::contains("Added 2 check-ins"));
    assert_eq!(records(&export(&data)), records(&before));
}

#[test]
fn importing_twice_adds_nothing() {
    let tmp = TempDir::new().expect("tempdir");
    let data = tmp.path().join("data");
    seed(&data);
    let before = export(&data);
    let file = tmp.path().join("export.json");
    write_json(&file, &before);

    // Into the same store: everything is already there.
    let report = import(&data, &file);
    assert_eq!(report["checkins"], 0);
    assert_eq!(report["wins"], 0);
    assert_eq!(report["setbacks"], 0);
    assert_eq!(report["skipped"], 4);
    assert_eq!(records(&export(&data)), records(&before));

    // Into a fresh store: added once, then nothing.
    let other = tmp.path().join("other");
    let first = import(&other, &file);
    assert_eq!(first["checkins"], 2);
    assert_eq!(first["wins"], 1);
    assert_eq!(first["setbacks"], 1);
    assert_eq!(first["skipped"], 0);
    let second = import(&other, &file);
    assert_eq!(second["checkins"], 0);
    assert_eq!(second["skipped"], 4);
    ge(&other)
        .arg("import")
        .arg(&file)
        .assert()
        .success()
        .stdout(predicates::str::contains("4 records were already here"));
    assert_eq!(records(&export(&other)), records(&before));
}

#[test]
fn thought_records_survive_a_round_trip() {
    let tmp = TempDir::new().expect("tempdir");
    let data = tmp.path().join("data");
    seed(&data);
    let mut doc = export(&data);
    doc["thoughts"] = serde_json::json!([{
        "id": "thought-1",
        "created_at": "2024-04-02T19:30:00Z",
        "date": "2024-04-02",
        "situation": "the review meeting",
        "thought": "if it is not perfect they will think I am careless",
        "belief": 80,
        "emotions": [{"name": "anxious", "intensity": 70}, {"name": "ashamed", "intensity": 40}],
        "traps": ["all-or-nothing"],
        "reframe": "one small miss does not erase a year of good work",
        "belief_after": 35
    }]);
    let file = tmp.path().join("with-thought.json");
    write_json(&file, &doc);
    let other = tmp.path().join("other");
    let report = import(&other, &file);
    assert_eq!(report["thoughts"], 1);
    assert_eq!(records(&export(&other)), records(&doc));

    // The CSV cell for emotions uses the "name:N; name:N" form.
    let csv_dir = tmp.path().join("csv");
    ge(&other)
        .args(["export", "--format", "csv", "--out"])
        .arg(&csv_dir)
        .assert()
        .success();
    let mut rdr = csv::Reader::from_path(csv_dir.join("thoughts.csv")).expect("csv");
    let headers = rdr.headers().expect("header").clone();
    let row = rdr.records().next().expect("one row").expect("valid row");
    let col = |name: &str| {
        let i = headers.iter().position(|h| h == name).expect("column");
        row.get(i).expect("cell").to_string()
    };
    assert_eq!(col("emotions"), "anxious:70; ashamed:40");
    assert_eq!(col("traps"), "all-or-nothing");
    assert_eq!(col("belief_after"), "35");
}

#[test]
fn bad_files_fail_with_a_sentence_and_change_nothing() {
    let tmp = TempDir::new().expect("tempdir");
    let data = tmp.path().join("data");
    seed(&data);
    let before = export(&data);
    let full = serde_json::to_string_pretty(&before).expect("serialises");

    // An export of another store, so that a partial import would show.
    let other = tmp.path().join("other");
    checkin(&other, "2024-03-15", "7", "finished early");
    let other_full = serde_json::to_string_pretty(&export(&other)).expect("serialises");

    let cases: Vec<(&str, String)> = vec![
        ("corrupt", "{\"format\": \"goodenough-export\", ,,, }".to_string()),
        ("truncated", other_full[..other_full.len() / 2].to_string()),
        ("empty", String::new()),
        ("foreign", "{\"entries\": []}".to_string()),
        (
            "jrnl",
            r#"{"tags": {"@work": 1}, "entries": [{"title": "Long day", "body": "stuff", "date": "2024-04-01", "time": "21:00", "tags": ["@work"], "starred": false}]}"#
                .to_string(),
        ),
        ("array", "[1, 2, 3]".to_string()),
        (
            "too new",
            full.replace("\"format_version\": 1", "\"format_version\": 2"),
        ),
    ];
    for (name, content) in cases {
        let file = tmp.path().join(format!("{}.json", name.replace(' ', "-")));
        std::fs::write(&file, content).expect("writes");
        let out = ge(&data)
            .arg("import")
            .arg(&file)
            .assert()
            .failure()
            .get_output()
            .clone();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.to_lowercase().contains("nothing was imported"),
            "{name}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
        assert_eq!(records(&export(&data)), records(&before), "{name}");
    }

    // A file that does not exist.
    ge(&data)
        .arg("import")
        .arg(tmp.path().join("missing.json"))
        .assert()
        .failure()
        .stderr(predicates::str::contains("there is no file at"));
    assert_eq!(records(&export(&data)), records(&before));
}

#[test]
fn one_invalid_record_imports_nothing() {
    let tmp = TempDir::new().expect("tempdir");
    let data = tmp.path().join("data");
    seed(&data);
    let mut doc = export(&data);
    doc["checkins"][1]["mood"] = serde_json::json!(11);
    let file = tmp.path().join("bad-mood.json");
    write_json(&file, &doc);

    let fresh = tmp.path().join("fresh");
    let empty = export(&fresh);
    ge(&fresh)
        .arg("import")
        .arg(&file)
        .assert()
        .failure()
        .stderr(predicates::str::contains("checkins[1]"))
        .stderr(predicates::str::contains("Nothing was imported"));
    let after = export(&fresh);
    for k in KINDS {
        assert_eq!(count(&after, k), 0, "{k}: even the valid records stay out");
    }
    assert_eq!(records(&after), records(&empty));
}

#[test]
fn csv_export_writes_one_file_per_kind() {
    let tmp = TempDir::new().expect("tempdir");
    let data = tmp.path().join("data");
    seed(&data);
    let dir = tmp.path().join("csv-out");
    ge(&data)
        .args(["export", "--format", "csv", "--out"])
        .arg(&dir)
        .assert()
        .success();
    let expect: [(&str, &[&str], usize); 4] = [
        (
            "checkins.csv",
            &[
                "id",
                "date",
                "mood",
                "energy",
                "appreciation_1_area",
                "appreciation_1_text",
                "appreciation_2_area",
                "appreciation_2_text",
                "appreciation_3_area",
                "appreciation_3_text",
                "note",
            ],
            2,
        ),
        (
            "thoughts.csv",
            &[
                "id",
                "created_at",
                "date",
                "situation",
                "thought",
                "belief",
                "emotions",
                "traps",
                "reframe",
                "belief_after",
            ],
            0,
        ),
        ("wins.csv", &["id", "created_at", "date", "text"], 1),
        (
            "setbacks.csv",
            &["id", "created_at", "date", "text", "lesson"],
            1,
        ),
    ];
    for (file, header, rows) in expect {
        let mut rdr = csv::Reader::from_path(dir.join(file)).expect(file);
        let got: Vec<String> = rdr
            .headers()
            .expect("header")
            .iter()
            .map(str::to_string)
            .collect();
        assert_eq!(got, header, "{file}");
        let records: Vec<csv::StringRecord> =
            rdr.records().collect::<Result<_, _>>().expect("valid rows");
        assert_eq!(records.len(), rows, "{file}");
    }
    let mut rdr = csv::Reader::from_path(dir.join("checkins.csv")).expect("csv");
    let first = rdr.records().next().expect("row").expect("valid");
    assert_eq!(&first[1], "2024-04-01");
    assert_eq!(&first[4], "work");
    assert_eq!(&first[5], "shipped the report at 90%");

    // CSV is for reading; importing it says so and changes nothing.
    let before = export(&data);
    ge(&data)
        .arg("import")
        .arg(dir.join("wins.csv"))
        .assert()
        .failure()
        .stderr(predicates::str::contains(
            "CSV exports are for reading only",
        ));
    assert_eq!(records(&export(&data)), records(&before));

    // CSV needs a directory.
    ge(&data)
        .args(["export", "--format", "csv"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("--out DIR"));
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

fn store_bytes(data: &Path) -> Vec<(String, Vec<u8>)> {
    ["goodenough.db", "goodenough.db-wal", "goodenough.db-shm"]
        .iter()
        .filter_map(|name| {
            std::fs::read(data.join(name))
                .ok()
                .map(|b| (name.to_string(), b))
        })
        .collect()
}

#[test]
fn erase_yes_leaves_no_trace_in_the_database_files() {
    let tmp = TempDir::new().expect("tempdir");
    let data = tmp.path().join("data");
    seed(&data);
    ge(&data)
        .args([
            "checkin",
            "--mood",
            "5",
            "--energy",
            "5",
            "--date",
            "2024-04-10",
        ])
        .args(["--appreciate", &format!("character: {MARKER}")])
        .args(["--appreciate", "rest: went to bed on time"])
        .args(["--appreciate", "health: drank water"])
        .args(["--note", MARKER])
        .assert()
        .success();
    ge(&data)
        .args(["win", &format!("win {MARKER}"), "--date", "2024-04-10"])
        .assert()
        .success();
    // The marker really is on disk before erasing (so the check below means something).
    assert!(
        store_bytes(&data).iter().any(|(_, b)| contains(b, MARKER)),
        "marker should be stored before erase"
    );

    ge(&data)
        .args(["erase", "--yes"])
        .assert()
        .success()
        .stdout(predicates::str::contains("Erased 6 records"));
    let files = store_bytes(&data);
    assert!(files.iter().any(|(n, _)| n == "goodenough.db"));
    for (name, bytes) in &files {
        assert!(!contains(bytes, MARKER), "{name} still holds the marker");
        assert!(
            !contains(bytes, "shipped the report"),
            "{name} still holds erased text"
        );
    }
    // The CLI starts afresh afterwards.
    let doc = export(&data);
    for k in KINDS {
        assert_eq!(count(&doc, k), 0, "{k}");
    }
}

#[test]
fn erase_without_yes_and_without_a_terminal_deletes_nothing() {
    let tmp = TempDir::new().expect("tempdir");
    let data = tmp.path().join("data");
    seed(&data);
    let before = export(&data);
    ge(&data)
        .arg("erase")
        .write_stdin("erase\n")
        .assert()
        .failure()
        .stderr(predicates::str::contains("--yes"))
        .stderr(predicates::str::contains("Nothing was erased"));
    assert_eq!(records(&export(&data)), records(&before));
}

#[test]
fn export_to_an_unwritable_place_fails_cleanly() {
    let tmp = TempDir::new().expect("tempdir");
    let data = tmp.path().join("data");
    seed(&data);

    // A parent directory that does not exist.
    let missing = tmp.path().join("no-such-dir").join("export.json");
    ge(&data)
        .arg("export")
        .arg("--out")
        .arg(&missing)
        .assert()
        .failure()
        .stderr(predicates::str::contains("does not exist"));
    assert!(!missing.exists());
    ge(&data)
        .args(["export", "--format", "csv", "--out"])
        .arg(tmp.path().join("no-such-dir").join("csv"))
        .assert()
        .failure()
        .stderr(predicates::str::contains(
            "cannot create the export directory",
        ));

    // An existing directory as the JSON target.
    ge(&data)
        .arg("export")
        .arg("--out")
        .arg(tmp.path())
        .assert()
        .failure()
        .stderr(predicates::str::contains("is a directory"));

    // A read-only directory (skipped when running as a user who can write anyway).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let ro = tmp.path().join("read-only");
        std::fs::create_dir(&ro).expect("mkdir");
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o500)).expect("chmod");
        let probe = ro.join("probe");
        if std::fs::write(&probe, b"").is_err() {
            let out = ge(&data)
                .arg("export")
                .arg("--out")
                .arg(ro.join("export.json"))
                .assert()
                .failure()
                .get_output()
                .clone();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(stderr.contains("cannot write the export"), "{stderr}");
            assert!(!stderr.contains("panicked"), "{stderr}");
            assert_eq!(std::fs::read_dir(&ro).expect("lists").count(), 0);
        } else {
            let _ = std::fs::remove_file(&probe);
        }
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o700)).expect("chmod");
    }
}

/// Every kind of record, named in the order core lists them.
const EVERY_KIND: [&str; 23] = [
    "check-in",
    "thought record",
    "win",
    "setback",
    "said no",
    "delegation",
    "mistake review",
    "ladder rung",
    "experiment",
    "timebox",
    "commit",
    "questionnaire result",
    "inner critic profile",
    "value",
    "practice log entr",
    "weekly review",
    "hobb",
    "personal-time block",
    "block occurrence",
    "joy log entr",
    "rest",
    "programme enrolment",
    "evidence entr",
];

/// The seed, plus one delegation (a kind beyond the first four).
fn seed_with_a_delegation(dir: &Path) {
    seed(dir);
    ge(dir)
        .args(["delegate", "Write the release notes", "--to", "Priya"])
        .assert()
        .success();
}

fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.output().expect("runs");
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).expect("utf-8")
}

fn names_every_kind(text: &str) {
    for kind in EVERY_KIND {
        assert!(text.contains(kind), "{kind} is not named in: {text}");
    }
}

#[test]
fn erase_import_and_export_name_every_kind_with_the_right_plural() {
    let tmp = TempDir::new().expect("tempdir");
    let data = tmp.path().join("data");
    seed_with_a_delegation(&data);
    let file = tmp.path().join("export.json");

    let exported = stdout_of(ge(&data).arg("export").arg("--out").arg(&file));
    assert!(
        exported.contains("2 check-ins, 1 win, 1 setback and 1 delegation;"),
        "{exported}"
    );
    names_every_kind(&exported);
    let written = ge(&data)
        .args(["--json", "export", "--out"])
        .arg(&file)
        .output()
        .expect("runs");
    let written: Value = serde_json::from_slice(&written.stdout).expect("json");
    assert_eq!(written["records"]["delegations"], 1);
    assert_eq!(written["records"]["evidence"], 0);

    let erased = stdout_of(ge(&data).args(["erase", "--yes"]));
    // Five records, the delegation among them (erase once named only four kinds).
    assert!(erased.starts_with("Erased 5 records and your settings: 2 check-ins, 1 win, 1 setback and 1 delegation; none of: thought records,"), "{erased}");
    names_every_kind(&erased);

    let imported = stdout_of(ge(&data).arg("import").arg(&file));
    assert!(
        imported.starts_with("Added 2 check-ins, 1 win, 1 setback and 1 delegation; none of: "),
        "{imported}"
    );
    assert!(!imported.contains("1 delegations") && !imported.contains("1 wins"));
    names_every_kind(&imported);

    let json = ge(&data)
        .args(["--json", "erase", "--yes"])
        .output()
        .expect("runs");
    let erased: Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(erased["erased"]["delegations"], 1);
    assert_eq!(erased["erased"]["checkins"], 2);
    assert_eq!(
        erased["erased"].as_object().map(|o| o.len()),
        Some(EVERY_KIND.len())
    );
}

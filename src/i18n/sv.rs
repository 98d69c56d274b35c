use blomlada_domain::number_format;
use blomlada_domain::offline_results::SnapshotError;
use blomlada_domain::result_file::{ResultFileError, OLDEST_RESULT_FORMAT_VERSION, RESULT_FORMAT, RESULT_FORMAT_VERSION};
use blomlada_domain::Lang;

use super::Texts;

pub static SV: Texts = Texts {
    // --- Frame
    app_name: "Blomlådan",
    app_tagline: "Kommunens digitala mognad – självvärdering och jämförelse",
    skip_to_content: "Hoppa till innehållet",
    nav_label: "Huvudmeny",
    nav_start: "Mina värderingar",
    language_switch: "In English",
    loading: "Laddar …",
    page_loading: "Hämtar sidan …",
    page_load_failed: "Sidan kunde inte hämtas. Kontrollera anslutningen och försök igen; dina värderingar finns kvar i webbläsaren.",
    page_load_retry: "Försök igen",
    not_found_title: "Sidan finns inte",
    not_found_body: "Adressen leder inte till någon sida i Blomlådan.",
    back_to_start: "Till mina värderingar",
    indicators_failed: "Indikatoruppsättningen kunde inte läsas",
    save_failed_full: "Webbläsarens lagring är full. Dina senaste ändringar finns kvar i fönstret men är inte sparade. Exportera värderingen till en fil eller frigör utrymme, så sparas de vid nästa ändring.",
    save_failed_other: "Ändringen kunde inte sparas i webbläsaren. Den finns kvar i fönstret; exportera värderingen till en fil för att vara säker.",
    merged_from_other_tab: "Värderingen ändrades i en annan flik. Ändringarna har slagits ihop – inget svar har gått förlorat.",
    unreadable_title: "Sparade data som inte kan läsas",
    unreadable_body: "Blomlådan hittade sparade data som den inte kan läsa. De har inte ändrats eller skrivits över. Ladda ner dem och spara filen innan du tar bort dem.",
    newer_format_body: |v| format!("Data sparade av en nyare version av Blomlådan (format {v}). Öppna dem med den nyare versionen; den här versionen rör dem inte."),
    download_raw: "Ladda ner data",
    remove_raw: "Ta bort från webbläsaren",
    confirm_remove_raw: "Ta bort de olästa data från webbläsaren? Har du laddat ner dem?",
    dismiss: "Stäng",
    assessment_nav_label: "Värderingen",
    tab_answers: "Svara",
    tab_report: "Rapport",
    tab_compare: "Jämför",

    // --- Start page
    start_title: "Mina värderingar",
    start_intro: "Värdera kommunens digitala mognad indikator för indikator. Allt sparas direkt i den här webbläsaren.",
    my_assessments: "Sparade värderingar",
    no_assessments: "Du har inga värderingar ännu.",
    new_assessment: "Ny värdering",
    col_kommun: "Kommun",
    col_set: "Indikatorer",
    col_title: "Titel",
    col_progress: "Besvarade",
    col_updated: "Senast ändrad",
    col_actions: "Åtgärder",
    duplicate: "Kopiera",
    duplicate_title_suffix: "(kopia)",
    rename: "Byt namn",
    rename_label: "Nytt namn",
    save: "Spara",
    cancel: "Avbryt",
    delete: "Ta bort",
    confirm_delete: |t| format!("Ta bort värderingen ”{t}”? Du kan ångra direkt efteråt. Exportera den först om du vill behålla en kopia."),
    deleted_notice: |t| format!("Värderingen ”{t}” togs bort."),
    undo: "Ångra",
    actions_for: |t| format!("Åtgärder för {t}"),

    // --- New assessment
    new_title: "Ny värdering",
    kommun_label: "Kommun",
    kommun_search_hint: "Skriv en del av namnet, t.ex. ”öre” för Örebro.",
    kommun_no_match: "Ingen kommun matchar.",
    kommun_matches: |n| format!("{n} kommuner matchar"),
    kommun_chosen: |k| format!("Vald kommun: {k}"),
    set_label: "Indikatoruppsättning",
    set_default_marker: "(rekommenderas)",
    title_label: "Titel",
    title_default: |kommun, version| format!("{kommun} – eBlomlådan {version}"),
    population_label: "Invånarantal",
    population_hint: "Används för att jämföra med kommuner av liknande storlek.",
    population_invalid: "Ange invånarantalet som ett heltal från 1 till 10 000 000.",
    create: "Skapa värdering",
    choose_kommun_first: "Välj en kommun i listan först.",

    // --- Assessment page
    progress_total: |a, t| format!("{a} av {t} indikatorer besvarade"),
    progress_group: |a, t| format!("{a} av {t} besvarade"),
    next_unanswered: "Nästa obesvarade",
    all_answered: "Alla indikatorer är besvarade.",
    groups_nav: "Områden och grupper",
    comment_label: "Kommentar",
    evidence_label: "Länk till underlag (offentlig)",
    evidence_hint: "Till exempel tjänstens adress eller ett beslut på webben.",
    evidence_invalid: link_error_sv,
    clear_answer: "Rensa svaret",
    source_label: "Källa",
    reference_label: |label, share| format!("{label}: {share} uppfyller helt"),
    assessment_missing: "Värderingen finns inte i den här webbläsaren.",
    to_summary: "Sammanfattning",
    to_answers: "Svara på indikatorerna",
    details_label: "Uppgifter om värderingen",
    approval_label: "Beslut (valfritt)",
    approval_hint: "Till exempel ”KS 2026-03-04 § 41”.",
    text_too_long: "Texten är för lång.",

    // --- Summary page
    summary_title: "Sammanfattning",
    summary_intro: "Antal indikatorer per svar, per område och grupp.",
    col_area_group: "Område / grupp",
    col_unanswered: "Obesvarade",
    col_total: "Totalt",
    total_row: "Totalt",

    // --- Flower box (overview)
    overview_title: "Blomlådan",
    overview_intro: "Bilden visar värderingen: en blomma per målgrupp med ett kronblad per indikator, gräset är verksamhetsutvecklingen och jorden IT som möjliggörare. Grönt är uppfyller helt, gult (randigt) delvis, rött (rutigt) inte, ljusgrått ej besvarad.",
    to_overview: "Blomlådan",
    fb_show: "Visa",
    fb_own: "Vår värdering",
    fb_targets: "Blommor, staplar och rutor i bilden",
    fb_flower: "Blomma",
    fb_bar: "Stapel",
    fb_tile: "Ruta",
    fb_choose_hint: "Välj en blomma, stapel eller ruta för att se dess indikatorer.",
    fb_download_png: "Ladda ner bild (PNG)",
    fb_download_svg: "Ladda ner bild (SVG)",
    fb_print: "Skriv ut",
    fb_table_caption: "Siffrorna i blomlådan",
    fb_col_group: "Område / grupp",
    fb_col_unanswered: "Ej besvarade",
    fb_col_no_answer: "Inget svar eller ingen uppgift",
    fb_col_indicators: "Indikatorer",
    fb_close: "Stäng",
    fb_in_group: |g| format!("Grupp: {g}"),
    fb_comparison: |label| format!("Jämförelse: {label}"),
    fb_with_data: |k, n| format!("{k} av {n} med uppgift"),

    // --- Export, import, report, offline
    export_group: "Exportera och skriv ut",
    export_json: "Exportera till fil (JSON)",
    export_short: "Exportera",
    export_csv: "Exportera till Excel (CSV)",
    csv_columns: ["Kommun", "Indikatoruppsättning", "Indikator-id", "Område", "Grupp", "Indikator", "Svar", "Kommentar", "Underlag"],
    to_report: "Rapport för utskrift",
    only_here_badge: "Finns bara här",
    only_here_body: "Ändringarna sedan senaste export finns bara i den här webbläsaren. Exportera värderingen till en fil och spara den, till exempel på en delad disk, så finns en kopia om webbläsarens data rensas.",
    last_exported: |d| format!("Senast exporterad {d}."),
    delete_unexported: "Värderingen har ändrats sedan den senast exporterades och finns bara i den här webbläsaren. Exportera den först om du vill kunna ta tillbaka den senare.",
    export_first: "Exportera först",
    import_link: "Importera från fil",
    import_title: "Importera en värdering",
    import_intro: "Välj en resultatfil (.json) som exporterats från Blomlådan, eller dra den hit. Filen blir en ny värdering i den här webbläsaren; inget som redan är sparat ändras eller skrivs över.",
    import_choose: "Välj resultatfil",
    import_drop: "… eller släpp filen här",
    import_reading: "Läser filen …",
    import_refused: |name| format!("Filen ”{name}” kunde inte importeras"),
    import_nothing_changed: "Inget av det som redan är sparat har ändrats.",
    import_more_errors: |n| format!("… och {n} fel till av samma slag."),
    import_error: import_error_sv,
    import_unreadable_file: "Webbläsaren kunde inte läsa filen.",
    import_check_title: "Kontrollera innan du importerar",
    import_answered: |a, t| format!("{a} av {t} indikatorer besvarade"),
    import_button: "Importera",
    import_conflict: |title, date| format!("Det finns redan en värdering med samma kommun, indikatoruppsättning och titel: ”{title}”, senast ändrad {date}. Den skrivs inte över. Vill du importera filen som en ny kopia bredvid den?"),
    import_as_copy: "Importera som ny kopia",
    import_other_file: "Välj en annan fil",
    import_version_label: "Importera till version",
    import_version_as_file: |v| format!("{v}, som i filen"),
    import_version_carry: |v| format!("{v}, med svaren överförda enligt jämförelsen mellan versionerna"),
    carry_over_title: |from, to| format!("Från version {from} till {to}"),
    carry_kept: |n| format!("{n} svar förs över oförändrade"),
    carry_reworded: |n| format!("{n} indikatorer har omformulerats: svaret behålls men markeras för granskning"),
    carry_fresh: |n| format!("{n} indikatorer är nya eller ändrade och behöver nya svar (tidigare svar visas som stöd)"),
    carry_dropped: |n| format!("{n} indikatorer finns inte i den nya versionen: deras svar följer inte med, men finns kvar i filen och i originalet"),
    carry_no_concordance: |from, to| format!("Det finns ingen jämförelse mellan version {from} och {to}, så svaren kan inte föras över."),
    duplicate_to_version: |v| format!("Kopiera till version {v}"),
    carry_nothing: |n| format!("{n} indikatorer hade inget svar att föra över"),
    carry_show: "Visa vilka",
    carry_failed: "Svaren kan inte föras över",
    copy_intro: |t| format!("Svaren i ”{t}” förs över till en ny värdering enligt jämförelsen mellan versionerna. Originalet ändras inte."),
    copy_new_title: "Den nya värderingens titel",
    copy_create: "Skapa kopian",
    review_reworded: |v| format!("Omformulerad sedan version {v}: svaret har förts över. Stämmer det fortfarande?"),
    review_fresh: |v| format!("Ny eller ändrad sedan version {v}: behöver ett nytt svar."),
    review_earlier: "Tidigare:",
    mark_reviewed: "Markera som granskad",
    review_count: |n| format!("{n} indikatorer behöver granskas efter överföringen från en annan version."),
    next_review: "Nästa att granska",
    report_title: "Rapport",
    report_print: "Skriv ut / Spara som PDF",
    report_date: "Rapportens datum",
    report_updated: "Senast ändrad",
    report_approval: "Beslut",
    report_flower_box: "Blomlådan",
    report_summary: "Sammanfattning per område och grupp",
    report_indicators: "Alla indikatorer med svar och kommentarer",
    col_indicator: "Indikator",
    col_answer: "Svar",
    col_evidence: "Underlag",
    col_reference: |label| format!("{label}, uppfyller helt"),
    not_answered: "Inte besvarad",
    needs_review: "Behöver granskas",
    document_title_report: |kommun, title| format!("{kommun} – {title} – Blomlådan"),

    // --- Action plan (issue 13): target editor, plan page, follow-up, target view, publishing
    tab_plan: "Handlingsplan",
    plan_legend: "Mål och handlingsplan",
    plan_target: "Mål",
    plan_no_target: "Inget mål",
    plan_year: "Målår",
    plan_status: "Status",
    plan_no_status: "Ej angiven",
    plan_responsible: "Ansvarig (förvaltning eller roll)",
    plan_action: "Planerad åtgärd",
    plan_error: plan_error_sv_sentence,
    plan_gap_reached: "Målet är nått.",
    plan_gap_steps: |n| if n == 1 { "Ett steg kvar till målet.".to_string() } else { format!("{n} steg kvar till målet.") },
    plan_gap_unanswered: "Indikatorn är inte besvarad än; målet räknas som inte nått.",
    plan_gap_not_relevant: "Besvarad som ej relevant: målet gäller inte.",
    plan_title: "Handlingsplan",
    plan_intro: "Indikatorerna vars mål ligger över nuvarande svar, med ansvarig, åtgärd och status. Mål sätts vid varje indikator under ”Kommentar och länk”.",
    plan_grouping_legend: "Gruppera efter",
    plan_group_responsible: "Ansvarig",
    plan_group_area: "Område",
    plan_group_year: "Målår",
    plan_download_csv: "Ladda ner handlingsplanen (CSV för Excel)",
    plan_csv_columns: ["Kommun", "Indikatoruppsättning", "Indikator-id", "Område", "Indikator", "Svar nu", "Mål", "Målår", "Ansvarig", "Åtgärd", "Status"],
    plan_col_indicator: "Indikator",
    plan_col_area: "Område",
    plan_col_group: "Grupp",
    plan_col_now: "Svar nu",
    plan_col_gap: "Gap",
    plan_col_with_target: "Med mål",
    plan_col_open: "Öppna gap",
    plan_no_responsible: "Ingen ansvarig angiven",
    plan_no_year: "Inget målår angivet",
    plan_section_caption: |heading, n| format!("{heading}: {n} indikatorer"),
    plan_steps_short: |n| format!("{n} steg"),
    plan_gap_unanswered_short: "ej besvarad",
    plan_totals: |with, open, reached, not_relevant| {
        let mut s = format!("{with} indikatorer har ett mål: {open} ligger över nuvarande svar (öppna gap), {reached} är nådda");
        if not_relevant > 0 {
            s.push_str(&format!(", {not_relevant} är besvarade som ej relevanta"));
        }
        s + "."
    },
    plan_areas_caption: "Mål och öppna gap per område",
    plan_empty: "Inga öppna gap: inget mål ligger över nuvarande svar.",
    follow_up_title: "Uppföljning av förra värderingens mål",
    follow_up_intro: |n| format!("{n} mål följde med när värderingen kopierades. Så här gick det:"),
    follow_up_reached: "nådda",
    follow_up_missed: "missade",
    follow_up_moved: "flyttade",
    follow_up_not_yet_due: "inte förfallna än",
    follow_up_col_earlier_target: "Mål då",
    follow_up_col_answer_then: "Svar då",
    follow_up_col_target_now: "Mål nu",
    follow_up_col_outcome: "Utfall",
    follow_up_table_label: "Utfall per indikator",
    fb_view_legend: "Bild",
    fb_view_now: "Nuläge",
    fb_view_targets: "Nuläge och mål",
    fb_target_col: |label| format!("Mål: {label}"),
    fb_targets_caption: "Mål och gap per grupp",
    fb_col_reached: "Nådda",
    publish_include_targets: "Publicera även mål (svar och målår per indikator)",
    publish_include_targets_hint: "Ansvarig, åtgärd och status publiceras aldrig. Utan kryss publiceras inga mål.",
    publish_field_targets: |n| if n == 0 { "Inga".to_string() } else { format!("{n} mål") },
    report_plan_heading: "Handlingsplan",
    // --- Publish and compare
    publish_title: "Publicera resultatet",
    publish_intro: "När värderingen är klar kan kommunen publicera resultatet. Det blir då öppna data som andra kommuner, regioner, forskare och journalister kan jämföra med. Ett nytt resultat ersätter det förra, som finns kvar som historik.",
    to_publish: "Publicera",
    to_compare: "Jämför med andra kommuner",
    publish_status_heading: "Publicerat nu",
    publish_status_none: "Kommunen har inget publicerat resultat för den här versionen av indikatorerna.",
    publish_status_current: |title, date| format!("Publicerat {date}: ”{title}”."),
    publish_status_history: |n| if n == 1 { "1 tidigare resultat finns som historik.".to_string() } else { format!("{n} tidigare resultat finns som historik.") },
    publish_status_unreachable: "Servern för publicering kunde inte nås just nu.",
    publish_public_heading: "Det här blir offentligt",
    publish_public_note: "Allt nedan publiceras: svar, kommentarer och länkar till underlag. Vem som helst kan läsa, ladda ner och jämföra det. Skriv inget i kommentarerna som inte får bli offentligt.",
    publish_field_kommun: "Kommun",
    publish_field_population: "Invånare",
    publish_field_set: "Indikatorer",
    publish_field_title: "Titel",
    publish_field_approval: "Beslut",
    publish_field_answered: |n, total| format!("{n} av {total}"),
    publish_field_comments: "Kommentarer och länkar",
    publish_comment_count: |c, l| format!("{c} kommentarer, {l} länkar"),
    publish_missing_value: "saknas",
    publish_all_answers: "Alla svar som publiceras",
    publish_col_indicator: "Indikator",
    publish_col_answer: "Svar",
    publish_col_link: "Länk till underlag",
    publish_not_answered: "Inte besvarad",
    publish_blocked_heading: "Det här behöver ordnas innan resultatet kan publiceras",
    publish_needs_population: "Invånarantalet saknas. Det behövs för att resultatet ska kunna jämföras med kommuner av samma storlek.",
    publish_unanswered: |n| if n == 1 { "1 indikator är inte besvarad. Alla indikatorer behöver ett svar.".to_string() } else { format!("{n} indikatorer är inte besvarade. Alla indikatorer behöver ett svar.") },
    publish_check_failed: |detail| format!("Värderingen innehåller något som inte kan publiceras (tekniskt: {detail})."),
    publish_fix_link: "Till värderingen",
    publish_token_label: "Kommunens publiceringsnyckel",
    publish_token_hint: "Nyckeln får kommunen av den som driver Blomlådans server. Den sparas inte i webbläsaren och skickas bara med när du publicerar.",
    publish_button: "Publicera",
    publish_sending: "Skickar …",
    withdraw_button: "Ta bort publicerat resultat",
    confirm_withdraw: "Ta bort kommunens publicerade resultat för den här versionen av indikatorerna? Det syns då inte längre i listor och jämförelser. Värderingen i webbläsaren påverkas inte.",
    publish_done_created: "Resultatet är publicerat.",
    publish_done_unchanged: "Precis det här resultatet var redan publicerat. Inget har ändrats.",
    withdraw_done: "Det publicerade resultatet är borttaget.",
    withdraw_nothing: "Det fanns inget publicerat resultat att ta bort.",
    publish_err_token: "Nyckeln stämmer inte eller har återkallats. Kontrollera att den är rätt inklistrad.",
    publish_err_other_kommun: "Nyckeln gäller en annan kommun än värderingens.",
    publish_err_too_large: "Resultatet är för stort för att publiceras (gränsen är 1 MB). Korta de längsta kommentarerna.",
    publish_err_invalid: "Servern tog inte emot resultatet:",
    publish_err_too_many: |s| format!("För många försök med fel nyckel. Vänta {s} sekunder och försök igen."),
    publish_err_network: "Servern kunde inte nås. Kontrollera anslutningen och försök igen; värderingen finns kvar i webbläsaren.",
    publish_err_server: |code| format!("Servern svarade med ett fel ({code}). Försök igen senare."),
    compare_title: "Jämför med andra kommuner",
    compare_intro: "Din värdering bredvid de publicerade resultaten för samma version av indikatorerna. Andelarna räknas bland de svar som getts; n är antalet kommuner.",
    compare_with: "Jämför med",
    compare_all: "Alla kommuner som publicerat",
    compare_size_group: |g| format!("Kommuner med {g}"),
    compare_size_group_missing: "Kommuner av samma storlek (ange invånarantal i värderingen)",
    compare_lan: |lan| format!("Kommuner i {lan}"),
    compare_list: "Kommuner som jag väljer",
    compare_list_empty: "Inga kommuner valda ännu. Sök och välj kommuner ovan.",
    compare_remove: |name| format!("Ta bort {name} ur jämförelsen"),
    compare_n: |n| if n == 1 { "1 kommun i jämförelsen.".to_string() } else { format!("{n} kommuner i jämförelsen.") },
    compare_n_title: "antal kommuner",
    compare_none: "Inga publicerade resultat i urvalet ännu.",
    compare_mine: "Min värdering",
    compare_caption: |label, n| format!("Min värdering i jämförelse med {label} (n = {n})"),
    compare_col_answer: "Mitt svar",
    compare_col_share: |option, label| format!("Andel ”{}”: {label}", option.to_lowercase()),
    compare_by_indicator: "Indikator för indikator",
    compare_failed: "De publicerade resultaten kunde inte hämtas",
    compare_box_title: "Blomlådan för urvalet",
    compare_box_intro: "Varje kronblad, stapel och platta visar hur kommunerna i urvalet har svarat. Tabellen under bilden har samma siffror.",
    compare_box_label: |label, n| format!("Urvalet: {label} (n = {n})"),
    compare_col_who: "Vilka uppfyller?",
    compare_who: |n| if n == 1 { "Vilka uppfyller? (1 kommun)".to_string() } else { format!("Vilka uppfyller? ({n} kommuner)") },
    compare_who_none: "Ingen i urvalet",
    compare_who_no_link: "ingen länk till underlag",
    compare_own_title: "Mina värderingar över tid",
    compare_own_intro: "Kommunens andra värderingar i den här webbläsaren bredvid den här, per område och grupp. Mellan versioner av indikatorerna jämförs bara de indikatorer som motsvarar varandra; andelarna räknas bland dem.",
    compare_own_none: "Det finns inga andra värderingar av kommunen med de här indikatorerna i den här webbläsaren.",
    compare_own_caption: |this, other| format!("{this} bredvid {other}"),
    compare_own_comparable: |n, m| format!("{n} av {m} indikatorer jämförbara."),
    compare_own_no_concordance: "Det finns ingen konkordans mellan versionerna, så värderingarna kan inte jämföras.",
    compare_own_this: "Den här värderingen",
    compare_source: "Var kommer de publicerade resultaten från?",
    compare_source_server: "Blomlådans server",
    compare_source_snapshot: "Öppna data-kopia (snapshot)",
    compare_source_files: "Resultatfiler",
    compare_failed_hint: "Utan kontakt med servern kan du jämföra med en öppna data-kopia eller med resultatfiler; välj ovan.",
    compare_snapshot_url: "Adress till öppna data-kopian",
    compare_snapshot_hint: "Mappen som kommandot blomlada-server snapshot skrev, på vilken webbplats som helst, till exempel https://data.exempel.se/blomlada. Adressen sparas i den här webbläsaren.",
    compare_snapshot_read: "Läs kopian",
    compare_snapshot_pending: "Skriv adressen till en öppna data-kopia och välj ”Läs kopian”.",
    compare_snapshot_reading: |url| format!("Läser {url} …"),
    compare_snapshot_read_ok: |n, url| if n == 1 { format!("1 publicerat resultat lästes från {url}.") } else { format!("{n} publicerade resultat lästes från {url}.") },
    compare_snapshot_error: snapshot_error_sv,
    compare_files_choose: "Välj resultatfiler",
    compare_files_hint: "Välj eller släpp en eller flera resultatfiler från Blomlådan. De sparas inte, utan används bara för jämförelsen på den här sidan. Bara filer med den här värderingens version av indikatorerna räknas, och en fil per kommun: väljer du en senare fil för samma kommun ersätter den den tidigare.",
    compare_files_none: "Inga resultatfiler valda ännu.",
    compare_files_reading: "Läser filerna …",
    compare_files_used: |n| if n == 1 { "1 resultatfil används i jämförelsen:".to_string() } else { format!("{n} resultatfiler används i jämförelsen:") },
    compare_files_other_version: |n| if n == 1 { "1 fil gäller en annan version av indikatorerna och räknas inte.".to_string() } else { format!("{n} filer gäller en annan version av indikatorerna och räknas inte.") },
    compare_files_replaced: |kommun, earlier, later| format!("{later} ersätter {earlier}: en fil per kommun ({kommun}), den som valdes sist räknas."),
    compare_files_refused: |n| if n == 1 { "1 fil kunde inte användas".to_string() } else { format!("{n} filer kunde inte användas") },
    compare_files_clear: "Ta bort de valda filerna",
    // Answering page, compact (issue 10)
    indicator_details: "Kommentar och länk",
    indicator_details_filled: "(ifyllt)",
    // Hand-out by file (issue 20 part 4)
    tab_handout: "Lämna ut delar",
    handout_title: "Lämna ut delar",
    handout_intro: "Välj de grupper (eller hela områden) som en förvaltning ska svara på och skriv förvaltningens namn. Du får en fil att skicka till förvaltningen. Den öppnar filen i Blomlådan i sin egen webbläsare, svarar och skickar tillbaka en fil som du tar emot här. Svaren förs in indikator för indikator, och där ni båda har ändrat väljer du.",
    handout_groups_legend: "Grupper att lämna ut",
    handout_whole_area: |area| format!("Hela området {area}"),
    handout_recipient_label: "Förvaltning",
    handout_recipient_hint: "Till exempel Utbildningsförvaltningen. Namnet står i filen och i översikten över utlämnade delar.",
    handout_download: "Ladda ner utdelningsfil",
    handout_done: |who| format!("Utdelningsfilen till {who} har laddats ner. Skicka den till förvaltningen, till exempel med e-post."),
    handout_error: handout_error_sv,
    handout_given_title: "Utlämnade delar",
    handout_none_given: "Inga delar har lämnats ut ännu.",
    handout_progress: |who, a, n| format!("{who}: {a} av {n} indikatorer besvarade"),
    handout_receive_title: "Ta emot svar",
    handout_receive_intro: "Har en förvaltning skickat tillbaka sin fil? Du ser vad som ändrats och väljer där ni båda har ändrat, innan något förs in.",
    handout_receive_link: "Ta emot en besvarad fil",
    handout_received_banner: |who, n| if n == 1 { format!("Utdelning till {who}: här visas bara den grupp som lämnats ut.") } else { format!("Utdelning till {who}: här visas bara de {n} grupper som lämnats ut.") },
    handout_return_title: "Skicka tillbaka svaren",
    handout_return_intro: "Exportera svaren till en fil och skicka den till den som lämnade ut delarna. Bara de utlämnade grupperna följer med.",
    handout_return_button: "Exportera svaren (JSON)",
    handout_return_done: "Filen med svaren har laddats ner. Skicka den till den som lämnade ut delarna.",
    handout_col_recipient: "Förvaltning",
    handout_col_groups: "Grupper",
    handout_col_handed_out: "Utlämnad",
    import_handout_title: "Utdelning från Blomlådan",
    import_handout_open: "Öppna utdelningen",
    import_handout_returned: "Filen är besvarad och hör till en värdering i den här webbläsaren. Granska svaren innan de förs in.",
    import_handout_review: "Granska svaren",
    handout_review_title: "Granska svar från en förvaltning",
    handout_review_choose: "Välj den besvarade utdelningsfilen",
    handout_review_hint: "Filen som förvaltningen exporterade. Inget förs in förrän du har granskat och bekräftat.",
    handout_review_intro: |who, when| format!("Svar från {who}, exporterade {when}. Inget är infört ännu."),
    handout_review_refused: |name| format!("Filen ”{name}” kan inte tas emot"),
    handout_conflicts_title: |n| format!("Ändrade på båda håll ({n})"),
    handout_conflicts_intro: "Både här och hos förvaltningen har de här indikatorerna ändrats sedan utdelningen. Välj vilket som ska gälla.",
    handout_side_ours: "Vår",
    handout_side_theirs: "Deras",
    handout_no_answer: "inget svar",
    handout_comment: |c| format!("kommentar: ”{c}”"),
    handout_evidence: |l| format!("länk: {l}"),
    handout_changed_here: |when| format!("ändrad här {when}"),
    handout_changed_there: |who, when| format!("{who}, exporterad {when}"),
    handout_taken_title: |n| format!("Förs in från förvaltningen ({n}): bara de har ändrat"),
    handout_kept_title: |n| format!("Behålls som här ({n}): bara här har de ändrats"),
    handout_nothing_changed: "Filen ändrar ingenting: ingen av de utlämnade indikatorerna har ändrats hos förvaltningen.",
    handout_apply: "För in svaren",
    handout_choose_all: |n| if n == 1 { "Välj Vår eller Deras för en indikator till.".to_string() } else { format!("Välj Vår eller Deras för {n} indikatorer till.") },
    handout_applied: "Svaren är införda i värderingen.",
    handout_not_applied: "Svaren kunde inte föras in",
};

/// Why an open-data snapshot could not be read, naming the address.
fn snapshot_error_sv(error: &SnapshotError) -> String {
    match error {
        SnapshotError::BadUrl(url) => format!("”{url}” är ingen webbadress. Skriv hela adressen till kopians mapp; den börjar med https:// (eller http://)."),
        SnapshotError::Unreachable { url, detail } => format!(
            "Öppna data-kopian kunde inte läsas från {url}: inget svar. Antingen nås webbplatsen inte (ingen anslutning eller fel adress), eller så stoppas hämtningen av säkerhetsregler: webbplatsen tillåter inte att andra webbplatser läser filerna (CORS), eller så tillåter den här webbplatsen bara hämtningar från sig själv (CSP). (Tekniskt: {detail}.)"
        ),
        SnapshotError::Status { url, status } => format!(
            "Öppna data-kopian kunde inte läsas från {url}: webbplatsen svarade med HTTP-status {status}. Kontrollera att adressen går till mappen som blomlada-server snapshot skrev."
        ),
        SnapshotError::NotJson { url, detail } => format!("Det som finns på {url} är inte JSON, så det är ingen öppna data-kopia från Blomlådan. (Tekniskt: {detail}.)"),
        SnapshotError::BadShape { url, path, message } => format!(
            "Filen på {url} är JSON men har inte formen av resultaten i en öppna data-kopia från Blomlådan (fel vid ”{path}”). (Tekniskt: {message}.)"
        ),
        SnapshotError::OtherSet { url, set, version } => format!("Filen på {url} gäller indikatoruppsättningen ”{set}” version ”{version}”, inte den här värderingens."),
    }
}

/// What is wrong with a result file, in words a kommun's IT strategist can act on.
fn import_error_sv(error: &ResultFileError) -> String {
    use ResultFileError::*;
    match error {
        TooLarge { size, limit } => format!(
            "Filen är för stor ({} byte). En resultatfil från Blomlådan är högst {} byte (1 MB); välj rätt fil.",
            number_format::integer(*size as u64, Lang::Sv),
            number_format::integer(*limit as u64, Lang::Sv)
        ),
        NotJson(detail) => format!("Filen är inte JSON, så den kan inte vara en resultatfil från Blomlådan. (Tekniskt: {detail}.)"),
        NotAResultFile(Some(format)) => format!("Filen är JSON men ingen resultatfil från Blomlådan: fältet ”format” är ”{format}”, inte ”{RESULT_FORMAT}”."),
        NotAResultFile(None) => format!("Filen är JSON men ingen resultatfil från Blomlådan: fältet ”format” med värdet ”{RESULT_FORMAT}” saknas."),
        MissingFormatVersion => "Filen saknar formatversion (fältet ”format_version”), så den kan inte läsas säkert.".to_string(),
        UnsupportedFormatVersion(v) => format!(
            "Filen har formatversion {v}, men den här versionen av Blomlådan läser formatversion {OLDEST_RESULT_FORMAT_VERSION}–{RESULT_FORMAT_VERSION}. Filen kommer troligen från en nyare Blomlådan."
        ),
        BadShape { path, message } => format!("Filens innehåll har fel form vid ”{path}”. (Tekniskt: {message}.)"),
        UnknownSet { set, version } => format!("Indikatoruppsättningen ”{set}” version ”{version}” finns inte i den här Blomlådan."),
        UnknownKommun(code) => format!("Kommunkoden ”{code}” är inte någon av Sveriges 290 kommuner (SCB:s fyrsiffriga kommunkoder)."),
        KommunNameMismatch { code, expected, given } => format!("Kommunkod {code} är {expected}, men filen kallar kommunen ”{given}”."),
        BadPopulation => "Invånarantalet i filen måste vara ett heltal från 1 till 10 000 000.".to_string(),
        UnknownIndicator(id) => format!("Indikatorn ”{id}” finns inte i den här versionen av indikatoruppsättningen."),
        BadAnswer { indicator, answer, allowed } => format!(
            "Indikatorn ”{indicator}” har svaret ”{answer}”, som inte finns på svarsskalan. Tillåtna svar: {allowed}."
        ),
        TooLong { field, limit } => format!("{} är längre än {} tecken.", field_sv(field), number_format::integer(*limit as u64, Lang::Sv)),
        BadCharacter { field, code } => format!(
            "{} innehåller ett otillåtet tecken (U+{code:04X}): styrtecken och tecken som vänder textriktningen kan få texten att visas som något annat än den säger.",
            field_sv(field)
        ),
        BadEvidenceLink { indicator, problem } => {
            format!("Länken till underlag för indikatorn ”{indicator}” går inte att använda: {}", link_error_sv(problem))
        }
        // Issue 13 (action plan): a broken target, year or plan text in a file.
        BadPlan { indicator, problem } => format!("Handlingsplanen för indikatorn ”{indicator}” går inte att läsa: {}.", plan_error_sv(problem)),
    }
}

fn field_sv(field: &str) -> String {
    if let Some(id) = field.strip_prefix("comment of ") {
        format!("Kommentaren till indikatorn ”{id}”")
    } else if let Some(id) = field.strip_prefix("evidence of ") {
        format!("Länken till underlag för indikatorn ”{id}”")
    } else if let Some(id) = field.strip_prefix("review of ") {
        format!("Granskningsuppgiften för indikatorn ”{id}”")
    } else if let Some(id) = field.strip_prefix("responsible of ") {
        format!("Ansvarig för indikatorn ”{id}”")
    } else if let Some(id) = field.strip_prefix("action of ") {
        format!("Åtgärden för indikatorn ”{id}”")
    } else if let Some(id) = field.strip_prefix("plan of ") {
        format!("Handlingsplanen för indikatorn ”{id}”")
    } else {
        match field {
            "title" => "Titeln".to_string(),
            "app_version" => "Appversionen (fältet ”app_version”)".to_string(),
            "approval" => "Beslutet".to_string(),
            other => format!("Fältet ”{other}”"),
        }
    }
}

/// Why a link is no evidence link, as a sentence.
fn link_error_sv(e: &blomlada_domain::web_link::LinkError) -> String {
    use blomlada_domain::web_link::LinkError::*;
    match e {
        NotWeb => "Länken måste börja med https:// eller http://.".to_string(),
        Whitespace => "Länken får inte innehålla mellanslag.".to_string(),
        UserInfo => "Länken har ett namn före adressen (namn@adress) och skulle gå till delen efter @. Ta bort delen före @.".to_string(),
        Malformed(_) => "Länken är ingen giltig webbadress.".to_string(),
    }
}

/// Issue 13 (action plan): what is wrong with a plan, in Swedish.
pub fn plan_error_sv(e: &blomlada_domain::plan::PlanError) -> String {
    use blomlada_domain::plan::PlanError::*;
    match e {
        UnknownIndicator(id) => format!("indikatorn ”{id}” finns inte"),
        TargetNotOnScale(key) => format!("målet ”{key}” finns inte på svarsskalan"),
        TargetDoesNotCount(key) => format!("”{key}” räknas inte och kan inte vara ett mål"),
        BadYear(year) => format!("målåret {year} ligger inte mellan 2000 och 2100"),
        YearWithoutTarget => "ett målår behöver ett mål".to_string(),
        TooLong { field, limit } => {
            let name = if *field == "responsible" { "Ansvarig" } else { "Åtgärden" };
            format!("{name} är längre än {limit} tecken")
        }
    }
}

/// Issue 13 (action plan): a refused plan change, as a sentence.
fn plan_error_sv_sentence(e: &blomlada_domain::plan::PlanError) -> String {
    let text = plan_error_sv(e);
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
        None => String::new(),
    }
}

/// Issue 20 part 4: what is wrong with a hand-out file or with merging one, in Swedish.
fn handout_error_sv(error: &blomlada_domain::sync::HandoutError) -> String {
    use blomlada_domain::sync::handout::{HANDOUT_FORMAT_VERSION, MAX_RECIPIENT_CHARS};
    use blomlada_domain::sync::HandoutError::*;
    match error {
        TooLarge { size, limit } => format!(
            "Filen är för stor ({} byte). En utdelningsfil från Blomlådan är högst {} byte; välj rätt fil.",
            number_format::integer(*size as u64, Lang::Sv),
            number_format::integer(*limit as u64, Lang::Sv)
        ),
        NotJson(detail) => format!("Filen är inte JSON, så den kan inte vara en utdelningsfil från Blomlådan. (Tekniskt: {detail}.)"),
        ResultFileInstead => "Det här är en resultatfil, inte en utdelningsfil. Importera den som resultat i stället (Importera från fil).".to_string(),
        NotAHandout(Some(format)) => format!("Filen är JSON men ingen utdelningsfil från Blomlådan: fältet ”format” är ”{format}”."),
        NotAHandout(None) => "Filen är JSON men ingen utdelningsfil från Blomlådan: fältet ”format” saknas.".to_string(),
        UnsupportedFormatVersion(v) => format!("Utdelningsfilen har formatversion {v}, men den här versionen av Blomlådan läser formatversion {HANDOUT_FORMAT_VERSION}. Filen kommer troligen från en nyare Blomlådan."),
        BadShape { path, message } => format!("Filens innehåll har fel form vid ”{path}”. (Tekniskt: {message}.)"),
        UnknownSet { set, version } => format!("Indikatoruppsättningen ”{set}” version ”{version}” finns inte i den här Blomlådan."),
        WrongSetVersion { file_version, ours, .. } => format!("Utdelningen gäller version {file_version} av indikatorerna, men den här värderingen svarar på version {ours}."),
        WrongAssessment(_) => "Utdelningen lämnades ut från en annan värdering än den här. Ta emot den i värderingen den kom från.".to_string(),
        NoGroups => "Välj minst en grupp att lämna ut.".to_string(),
        UnknownArea(area) => format!("Området ”{area}” finns inte i indikatoruppsättningen."),
        UnknownGroup(group) => format!("Gruppen ”{group}” finns inte i indikatoruppsättningen."),
        DuplicateGroup(group) => format!("Gruppen ”{group}” står två gånger i filen."),
        NotInHandout(id) => format!("Filen har ett svar för indikatorn ”{id}”, som inte hör till de utlämnade grupperna."),
        BadRecipient => format!("Skriv förvaltningens namn (högst {MAX_RECIPIENT_CHARS} tecken)."),
        Invalid(e) => import_error_sv(e),
        Unresolved(ids) => format!("Välj Vår eller Deras för varje indikator som ändrats på båda håll ({} kvar).", ids.len()),
        NotAConflict(id) => format!("Indikatorn ”{id}” har inget val att göra."),
    }
}

"""Demo data for two fictional municipalities: Fjordby kommune and Åsdal kommune.

Pure data, no Django imports. Units are listed parents-first; ``parent`` is the key of the
parent unit (``None`` for the municipality itself). Initiatives refer to units by key and to
demo people by role key ("admin", "pmo", "contributor").
"""

Unit = dict[str, str | None]
Initiative = dict[str, str | bool | None]

# ---------------------------------------------------------------------------
# Fjordby kommune (~32 000 innbyggere)
# ---------------------------------------------------------------------------

FJORDBY_UNITS: list[Unit] = [
    {"key": "fjordby", "name": "Fjordby kommune", "parent": None},
    # Helse og velferd
    {"key": "helse", "name": "Helse og velferd", "parent": "fjordby"},
    {"key": "hjemmetjenesten", "name": "Hjemmetjenesten", "parent": "helse"},
    {"key": "sykehjem", "name": "Sykehjem", "parent": "helse"},
    {"key": "nav", "name": "NAV Fjordby – sosialtjenester", "parent": "helse"},
    {"key": "helsestasjon", "name": "Helsestasjon og skolehelsetjeneste", "parent": "helse"},
    {"key": "tildeling", "name": "Tildelingskontoret", "parent": "helse"},
    # Oppvekst og skole
    {"key": "oppvekst", "name": "Oppvekst og skole", "parent": "fjordby"},
    {"key": "skoler", "name": "Skoler", "parent": "oppvekst"},
    {"key": "barnehager", "name": "Barnehager", "parent": "oppvekst"},
    {"key": "ppt", "name": "Pedagogisk-psykologisk tjeneste (PPT)", "parent": "oppvekst"},
    # Teknisk drift
    {"key": "teknisk", "name": "Teknisk drift", "parent": "fjordby"},
    {"key": "vei_park", "name": "Vei og park", "parent": "teknisk"},
    {"key": "vann_avlop", "name": "Vann og avløp", "parent": "teknisk"},
    {"key": "eiendom", "name": "Eiendom", "parent": "teknisk"},
    {"key": "byggesak_plan", "name": "Byggesak og plan", "parent": "teknisk"},
    # Økonomi
    {"key": "okonomi", "name": "Økonomi", "parent": "fjordby"},
    {"key": "regnskap", "name": "Regnskap", "parent": "okonomi"},
    {"key": "innkjop", "name": "Innkjøp", "parent": "okonomi"},
    {"key": "lonn", "name": "Lønn", "parent": "okonomi"},
    # HR
    {"key": "hr", "name": "HR", "parent": "fjordby"},
    {"key": "personal", "name": "Personal", "parent": "hr"},
    {"key": "hms", "name": "HMS", "parent": "hr"},
    # IT og digitalisering
    {"key": "it", "name": "IT og digitalisering", "parent": "fjordby"},
    {"key": "it_drift", "name": "Drift og brukerstøtte", "parent": "it"},
    {"key": "digitalisering", "name": "Digitaliseringsenheten", "parent": "it"},
]

FJORDBY_INITIATIVES: list[Initiative] = [
    {
        "title": "Digitalt tilsyn i hjemmetjenesten",
        "problem": (
            "Hjemmetjenesten gjennomfører om lag 38 000 tilsynsbesøk i året, og mange av "
            "nattbesøkene handler bare om å sjekke at brukeren sover trygt. Hvert besøk tar i "
            "snitt 25 minutter inkludert kjøring, og besøkene vekker ofte brukerne. Med dagens "
            "mangel på sykepleiere er nattevaktene allerede sårbare."
        ),
        "target_state": (
            "Brukere som ønsker det, får trygt nattlig tilsyn med kamera eller sensor uten å "
            "bli vekket, og ansatte rykker ut når det faktisk er behov."
        ),
        "ambition": "transform",
        "lighthouse": True,
        "unit": "hjemmetjenesten",
        "phase": "execution",
        "status": "active",
        "start": "2025-02-03",
        "end": "2026-12-31",
        "owner": "admin",
        "manager": "pmo",
    },
    {
        "title": "Chatbot for innbyggerhenvendelser",
        "problem": (
            "Servicetorget og sentralbordet tar imot om lag 42 000 henvendelser i året, og "
            "anslagsvis 60 prosent gjelder enkle spørsmål om avfallstømming, eiendomsskatt og "
            "åpningstider. I perioder med høy pågang er ventetiden på telefon i snitt ni "
            "minutter, og mange legger på før de får svar."
        ),
        "target_state": (
            "Innbyggeren får svar på enkle spørsmål når som helst på døgnet, og blir sendt "
            "videre til riktig saksbehandler når saken krever det."
        ),
        "ambition": "improve",
        "lighthouse": False,
        "unit": "digitalisering",
        "phase": "execution",
        "status": "active",
        "start": "2025-03-03",
        "end": "2026-06-30",
        "owner": "pmo",
        "manager": "contributor",
    },
    {
        "title": "Automatisert fakturabehandling (RPA)",
        "problem": (
            "Regnskap behandler rundt 55 000 inngående fakturaer i året, og om lag 40 prosent "
            "krever manuell kontering og purring på attestasjon. Hver manuell faktura tar i "
            "snitt seks minutter, og forsinket betaling kostet kommunen om lag 180 000 kroner "
            "i purregebyrer i 2023."
        ),
        "target_state": (
            "Leverandørene, ofte lokale bedrifter, får betalt til rett tid, og fakturaer som "
            "stemmer med en bestilling går til betaling uten manuell behandling."
        ),
        "ambition": "improve",
        "lighthouse": False,
        "unit": "regnskap",
        "phase": "realisation",
        "status": "completed",
        "start": "2024-02-01",
        "end": "2026-06-30",
        "owner": "pmo",
        "manager": "contributor",
    },
    {
        "title": "Digital skoleskyss-søknad",
        "problem": (
            "Foresatte søkte om skoleskyss på papirskjema som skolene tastet inn manuelt i "
            "fylkeskommunens system, om lag 1 100 søknader hvert år. Rundt skolestart ventet "
            "mange familier opptil tre uker på svar, og feil i adresse eller klassetrinn ga "
            "ofte en ny runde med brev."
        ),
        "target_state": (
            "Foresatte søker digitalt med ID-porten og får svar før skolestart, med adresse og "
            "klassetrinn hentet automatisk fra Folkeregisteret og skolens elevsystem."
        ),
        "ambition": "improve",
        "lighthouse": False,
        "unit": "skoler",
        "phase": "closed",
        "status": "completed",
        "start": "2024-01-15",
        "end": "2024-12-20",
        "owner": "contributor",
        "manager": "contributor",
    },
    {
        "title": "Velferdsteknologi: medisindispensere",
        "problem": (
            "Hjemmetjenesten gjennomfører om lag 70 000 besøk i året der hovedoppgaven er å "
            "levere ut medisiner. Hvert besøk binder en ansatt i 15–20 minutter, og glemte "
            "eller forsinkede doser ga 140 avviksmeldinger i 2023."
        ),
        "target_state": (
            "Brukere som kan, tar medisinene selv til rett tid med en elektronisk dispenser som "
            "varsler ved glemt dose, og får besøk når de trenger omsorg – ikke bare en tablett."
        ),
        "ambition": "improve",
        "lighthouse": False,
        "unit": "hjemmetjenesten",
        "phase": "realisation",
        "status": "completed",
        "start": "2024-03-01",
        "end": "2026-12-31",
        "owner": "admin",
        "manager": "contributor",
    },
    {
        "title": "Ny sak-/arkivløsning",
        "problem": (
            "Dagens sak- og arkivsystem går ut av leverandørens støtte i 2026 og mangler "
            "integrasjon mot eByggesak, Digipost og flere fagsystemer. Saksbehandlere bruker i "
            "snitt 20 minutter per sak på manuell journalføring, og Arkivverket påpekte "
            "mangelfull arkivering av dokumenter fra fagsystemene ved tilsynet i 2023."
        ),
        "target_state": (
            "Innbyggere kan følge sin egen sak digitalt og får svar i Digipost, mens "
            "dokumentene arkiveres automatisk fra fagsystemene."
        ),
        "ambition": "improve",
        "lighthouse": False,
        "unit": "digitalisering",
        "phase": "execution",
        "status": "active",
        "start": "2025-01-06",
        "end": "2026-09-30",
        "owner": "admin",
        "manager": "pmo",
    },
    {
        "title": "Selvbetjent byggesøknad",
        "problem": (
            "Byggesak mottar om lag 650 søknader i året, og nesten halvparten er mangelfulle "
            "ved første innsending. Gjennomsnittlig saksbehandlingstid er sju uker, og "
            "saksbehandlerne bruker mye tid på telefonveiledning om garasjer, terrasser og "
            "tilbygg."
        ),
        "target_state": (
            "Innbyggeren ser allerede før søknaden om tiltaket er søknadspliktig, får "
            "veiledning underveis, og enkle søknader blir ferdigbehandlet på dager i stedet "
            "for uker."
        ),
        "ambition": "transform",
        "lighthouse": True,
        "unit": "byggesak_plan",
        "phase": "execution",
        "status": "active",
        "start": "2025-04-01",
        "end": "2027-03-31",
        "owner": "pmo",
        "manager": "contributor",
    },
    {
        "title": "Sensorer for vannlekkasje",
        "problem": (
            "Om lag 35 prosent av vannet fra Fjordby vannverk forsvinner i lekkasjer på "
            "ledningsnettet før det når abonnentene. Lekkasjer oppdages ofte først når vannet "
            "kommer opp til overflaten, og i 2024 førte 46 akutte ledningsbrudd til uvarslet "
            "vannavstengning for til sammen rundt 3 200 husstander."
        ),
        "target_state": (
            "Lekkasjer blir funnet og reparert før innbyggerne merker noe, og færre husstander "
            "opplever at vannet plutselig blir borte."
        ),
        "ambition": "improve",
        "lighthouse": False,
        "unit": "vann_avlop",
        "phase": "execution",
        "status": "active",
        "start": "2025-05-05",
        "end": "2027-06-30",
        "owner": "contributor",
        "manager": "contributor",
    },
    {
        "title": "Digitalt innbyggerkort",
        "problem": (
            "Innbyggerne trenger i dag egne kort eller brikker for bibliotek, svømmehall, "
            "gjenvinningsstasjon og kommunale rabattordninger. Det finnes om lag 14 000 aktive "
            "bibliotekkort og 6 000 adgangsbrikker, og servicetorget håndterer rundt 1 500 "
            "tapte eller ødelagte kort i året."
        ),
        "target_state": (
            "Innbyggeren bruker én digital legitimasjon på mobilen til alle kommunale tilbud, "
            "uten å måtte registrere seg på nytt hos hver tjeneste."
        ),
        "ambition": "transform",
        "lighthouse": False,
        "unit": "digitalisering",
        "phase": "planning",
        "status": "stopped",
        "start": "2025-03-03",
        "end": "2026-12-31",
        "owner": "admin",
        "manager": "pmo",
    },
    {
        "title": "Elektronisk pasientjournal-overgang",
        "problem": (
            "Helse og velferd bruker i dag fire ulike journalsystemer, og opplysninger må "
            "registreres på nytt når en bruker flytter fra hjemmetjenesten til sykehjem eller "
            "korttidsopphold. Det skjer om lag 900 slike overganger i året, og "
            "dobbeltregistreringen anslås å koste 4 000 timer årlig."
        ),
        "target_state": (
            "Pasienten slipper å gjenta sykehistorien sin, fordi helsepersonellet har oppdatert "
            "journal uansett hvilken tjeneste hun eller han får hjelp fra."
        ),
        "ambition": "transform",
        "lighthouse": False,
        "unit": "helse",
        "phase": "planning",
        "status": "active",
        "start": "2025-09-01",
        "end": "2028-06-30",
        "owner": "admin",
        "manager": "pmo",
    },
    {
        "title": "Kompetanseløft digital forståelse for ledere",
        "problem": (
            "En intern undersøkelse høsten 2024 viste at 62 prosent av kommunens 180 ledere "
            "føler seg usikre på å vurdere digitale løsninger og planlegge "
            "gevinstrealisering. Flere innførte løsninger er bare delvis tatt i bruk fordi "
            "endringsarbeidet ikke er forankret i enhetene."
        ),
        "target_state": (
            "Innbyggerne møter tjenester der lederne selv driver fram forbedringer, og nye "
            "digitale løsninger blir tatt i bruk fullt ut i stedet for å bli stående halvveis "
            "innført."
        ),
        "ambition": "improve",
        "lighthouse": False,
        "unit": "personal",
        "phase": "execution",
        "status": "active",
        "start": "2025-08-18",
        "end": "2026-12-15",
        "owner": "contributor",
        "manager": "pmo",
    },
    {
        "title": "Skyplattform og migrering fra eget datasenter",
        "problem": (
            "Serverrommet i rådhuskjelleren har utstyr som er 8–11 år gammelt, og verken "
            "kjøling eller strømforsyning er redundant. I 2024 ga tre driftsavbrudd til sammen "
            "19 timers nedetid for fagsystemene, og to av fire driftsteknikere bruker "
            "mesteparten av tiden på maskinvare."
        ),
        "target_state": (
            "Innbyggernes digitale tjenester er stabile og tilgjengelige hele døgnet, og "
            "IT-ansatte bruker tiden på å forbedre tjenestene i stedet for å vedlikeholde "
            "maskinvare."
        ),
        "ambition": "transform",
        "lighthouse": False,
        "unit": "it_drift",
        "phase": "execution",
        "status": "active",
        "start": "2025-01-13",
        "end": "2027-06-30",
        "owner": "pmo",
        "manager": "contributor",
    },
    {
        "title": "Datadeling med Statens vegvesen",
        "problem": (
            "Vei og park registrerer hull, skilt og vintervedlikehold i eget system, mens "
            "Statens vegvesen har oppdaterte data om riksveien gjennom kommunen i Nasjonal "
            "vegdatabank. Uten datadeling blir om lag 400 hendelser i året registrert to "
            "ganger, og brøyteplanene tar ikke hensyn til stengte veier og omkjøringer."
        ),
        "target_state": (
            "Innbyggere og bilister får samlet og oppdatert informasjon om veiarbeid, stengte "
            "veier og brøyting, uavhengig av hvem som eier veien."
        ),
        "ambition": "improve",
        "lighthouse": False,
        "unit": "vei_park",
        "phase": "concept",
        "status": "active",
        "start": "2026-01-05",
        "end": "2027-06-30",
        "owner": "contributor",
        "manager": "contributor",
    },
    {
        "title": "Digitalt barnehageopptak",
        "problem": (
            "Hovedopptaket til kommunens 18 barnehager gjøres i regneark, og opptaksteamet "
            "bruker om lag 600 timer hver vår på å matche 480 søknader mot ledige plasser. "
            "Foresatte får sent svar, og antall klager på opptaket har økt de siste to årene."
        ),
        "target_state": (
            "Foresatte får raskt tilbud om plass med en tydelig begrunnelse, basert på "
            "opptakskriterier som behandler alle likt."
        ),
        "ambition": "improve",
        "lighthouse": False,
        "unit": "barnehager",
        "phase": "closing",
        "status": "active",
        "start": "2024-09-02",
        "end": "2025-12-31",
        "owner": "pmo",
        "manager": "contributor",
    },
    {
        "title": "Digital timebestilling på helsestasjonen",
        "problem": (
            "Helsestasjonen har om lag 9 000 konsultasjoner i året, og all timebestilling og "
            "endring av timer skjedde på telefon i en åpningstid på to timer daglig. Foresatte "
            "måtte ofte ringe flere ganger, og 7 prosent av timene ble ikke benyttet i 2023."
        ),
        "target_state": (
            "Foresatte bestiller, flytter og avbestiller timer selv på Helsenorge og får "
            "påminnelse på SMS dagen før."
        ),
        "ambition": "improve",
        "lighthouse": False,
        "unit": "helsestasjon",
        "phase": "closed",
        "status": "completed",
        "start": "2024-02-01",
        "end": "2025-03-31",
        "owner": "contributor",
        "manager": "contributor",
    },
    {
        "title": "Digital søknad om helse- og omsorgstjenester",
        "problem": (
            "Tildelingskontoret mottar rundt 2 400 søknader i året, og over halvparten kommer "
            "på papir eller per telefon via pårørende. Saksbehandlerne bruker i snitt 35 "
            "minutter per søknad på å hente inn opplysninger som allerede finnes i journal "
            "eller Folkeregisteret."
        ),
        "target_state": (
            "Innbyggeren eller pårørende med fullmakt søker digitalt og får raskere vedtak, "
            "fordi kjente opplysninger hentes automatisk."
        ),
        "ambition": "improve",
        "lighthouse": False,
        "unit": "tildeling",
        "phase": "execution",
        "status": "active",
        "start": "2025-06-02",
        "end": "2026-10-30",
        "owner": "pmo",
        "manager": "contributor",
    },
    {
        "title": "Automatisk redusert foreldrebetaling i barnehage og SFO",
        "problem": (
            "Familier med lav inntekt har rett på redusert foreldrebetaling, men må søke hvert "
            "år og dokumentere inntekten sin. Kommunen anslår at bare 55 prosent av de om lag "
            "700 berettigede familiene søker, og hver søknad tar rundt 30 minutter å behandle "
            "manuelt."
        ),
        "target_state": (
            "Familier som har rett på lavere pris, får det automatisk uten å søke, basert på "
            "inntektsopplysninger fra Skatteetaten."
        ),
        "ambition": "transform",
        "lighthouse": True,
        "unit": "oppvekst",
        "phase": "planning",
        "status": "active",
        "start": "2025-10-01",
        "end": "2027-08-31",
        "owner": "admin",
        "manager": "pmo",
    },
    {
        "title": "Automatisert saksbehandling av økonomisk sosialhjelp",
        "problem": (
            "NAV Fjordby behandler om lag 3 800 søknader om økonomisk sosialhjelp i året, og "
            "veilederne bruker i snitt 45 minutter per sak på beregning og innhenting av "
            "dokumentasjon. Saksbehandlingstiden er i snitt 16 dager, og tiden går fra "
            "oppfølging av brukerne mot arbeid og aktivitet."
        ),
        "target_state": (
            "Søkerne får raskt og forutsigbart svar, og veilederen kan bruke tiden på samtaler "
            "om arbeid, bolig og helse."
        ),
        "ambition": "transform",
        "lighthouse": False,
        "unit": "nav",
        "phase": "concept",
        "status": "on_hold",
        "start": "2026-02-02",
        "end": "2027-12-31",
        "owner": "pmo",
        "manager": "contributor",
    },
    {
        "title": "Nytt system for avvik og internkontroll",
        "problem": (
            "Avvik meldes i dag på papir, e-post og i to ulike systemer, og HMS-rådgiverne "
            "mangler en samlet oversikt. I 2024 ble 1 350 avvik registrert, men bare 40 prosent "
            "ble lukket innen fristen, og vold og trusler mot ansatte er trolig underrapportert."
        ),
        "target_state": (
            "Ansatte melder avvik fra mobilen på under ett minutt og lederne følger opp raskt, "
            "slik at innbyggerne møter trygge tjenester og friske medarbeidere."
        ),
        "ambition": "improve",
        "lighthouse": False,
        "unit": "hms",
        "phase": "closing",
        "status": "active",
        "start": "2024-10-01",
        "end": "2025-11-28",
        "owner": "contributor",
        "manager": "contributor",
    },
    {
        "title": "E-handel for alle enheter",
        "problem": (
            "Bare 30 prosent av kommunens innkjøp gikk gjennom elektronisk bestilling hos "
            "avtaleleverandører, og kjøp utenfor rammeavtalene ble anslått til 12 millioner "
            "kroner i året. Bestillinger på e-post og telefon ga hyppige feil i levering og "
            "tungvint fakturakontroll."
        ),
        "target_state": (
            "Ansatte bestiller like enkelt som i en nettbutikk og innenfor avtalene, slik at "
            "innbyggerne får mer igjen for skattepengene."
        ),
        "ambition": "improve",
        "lighthouse": False,
        "unit": "innkjop",
        "phase": "realisation",
        "status": "completed",
        "start": "2024-01-08",
        "end": "2026-06-30",
        "owner": "pmo",
        "manager": "contributor",
    },
    {
        "title": "Automatisk overføring av variable tillegg til lønn",
        "problem": (
            "Lønn mottar om lag 4 500 papirbaserte timelister og skjemaer for variabel lønn "
            "hvert år, særlig fra helse og oppvekst. Feil i overtid og tillegg fører til rundt "
            "300 lønnsrettinger i året, og hver retting tar i snitt en halv time."
        ),
        "target_state": (
            "Variable tillegg går automatisk fra turnussystemet til lønnssystemet, slik at de "
            "ansatte får riktig lønn første gang."
        ),
        "ambition": "improve",
        "lighthouse": False,
        "unit": "lonn",
        "phase": "planning",
        "status": "active",
        "start": "2026-01-05",
        "end": "2026-12-18",
        "owner": "contributor",
        "manager": "pmo",
    },
    {
        "title": "Smart energistyring i kommunale bygg",
        "problem": (
            "Kommunen eier 72 bygg med et samlet energiforbruk på om lag 21 GWh i året, og "
            "mange bygg varmes opp for fullt i helger og ferier. Byggdrifterne kjører mellom "
            "byggene for å justere anleggene manuelt, og feil oppdages ofte først når brukerne "
            "klager."
        ),
        "target_state": (
            "Skoler, sykehjem og idrettshaller har godt inneklima når de er i bruk, og energi "
            "spares når de står tomme."
        ),
        "ambition": "improve",
        "lighthouse": False,
        "unit": "eiendom",
        "phase": "execution",
        "status": "active",
        "start": "2025-03-17",
        "end": "2026-12-31",
        "owner": "contributor",
        "manager": "contributor",
    },
    {
        "title": "KI-basert kartlegging av veidekke",
        "problem": (
            "Kommunen har 210 km kommunal vei, men tilstanden registreres bare ved manuell "
            "befaring hvert tredje år. Innbyggerne melder om lag 600 hull og skader i året, og "
            "mange skader oppdages først når de er blitt dyre å utbedre."
        ),
        "target_state": (
            "Kommunen vet hvor veiene trenger vedlikehold før innbyggerne merker det, og "
            "reparasjoner blir planlagt i stedet for å gjøres akutt."
        ),
        "ambition": "improve",
        "lighthouse": False,
        "unit": "vei_park",
        "phase": "idea",
        "status": "active",
        "start": None,
        "end": None,
        "owner": "contributor",
        "manager": "contributor",
    },
    {
        "title": "Digital samhandling rundt barn og unge (BTI)",
        "problem": (
            "Barn med sammensatte behov har i snitt kontakt med fem ulike tjenester, men skole, "
            "helsestasjon, PPT og barnevern dokumenterer i hvert sitt system. Foreldre må "
            "forklare situasjonen på nytt i hvert møte, og ventetiden fra henvisning til "
            "PPT-utredning er i snitt 14 uker."
        ),
        "target_state": (
            "Barnet og familien har én koordinator og én felles plan, og tjenestene deler "
            "informasjon med samtykke fra familien."
        ),
        "ambition": "transform",
        "lighthouse": True,
        "unit": "ppt",
        "phase": "concept",
        "status": "active",
        "start": "2026-03-02",
        "end": "2028-12-31",
        "owner": "admin",
        "manager": "pmo",
    },
    {
        "title": "Personvern og oversikt over digitale læremidler",
        "problem": (
            "Skolene bruker over 120 ulike digitale læremidler og apper, men bare 30 av dem "
            "har databehandleravtale og risikovurdering. Datatilsynet har gitt flere kommuner "
            "pålegg på dette området, og lærerne mangler oversikt over hvilke verktøy som er "
            "godkjent."
        ),
        "target_state": (
            "Elever og foresatte kan stole på at læremidlene i skolen ivaretar personvernet, "
            "og lærerne finner godkjente verktøy i én felles katalog."
        ),
        "ambition": "improve",
        "lighthouse": False,
        "unit": "skoler",
        "phase": "concept",
        "status": "active",
        "start": "2026-01-12",
        "end": "2027-06-30",
        "owner": "contributor",
        "manager": "pmo",
    },
    {
        "title": "KI-assistent for saksbehandlere",
        "problem": (
            "Saksbehandlere på tvers av kommunen bruker anslagsvis 30 prosent av arbeidstiden "
            "på å lese dokumenter, skrive sammendrag og formulere standardbrev. Antall "
            "henvendelser øker med om lag 5 prosent i året, mens bemanningen står stille."
        ),
        "target_state": (
            "Innbyggerne får klare og forståelige vedtak raskere, fordi saksbehandlerne får "
            "hjelp av en trygg språkmodell til rutinearbeidet."
        ),
        "ambition": "transform",
        "lighthouse": False,
        "unit": "digitalisering",
        "phase": "idea",
        "status": "active",
        "start": None,
        "end": None,
        "owner": "pmo",
        "manager": "pmo",
    },
    {
        "title": "Nytt pasientvarslingsanlegg på sykehjemmene",
        "problem": (
            "Pasientvarslingsanlegget på sykehjemmene er fra 2009, reservedeler er ikke lenger "
            "tilgjengelige, og anlegget falt ut fire ganger i 2024. Det varsler bare ved "
            "snortrekk, så fall om natten blir ofte oppdaget først ved neste runde; i fjor ble "
            "det registrert 210 fall blant beboerne."
        ),
        "target_state": (
            "Beboerne får rask hjelp når de faller eller trenger assistanse, og får sove "
            "uforstyrret når alt er i orden."
        ),
        "ambition": "improve",
        "lighthouse": False,
        "unit": "sykehjem",
        "phase": "execution",
        "status": "on_hold",
        "start": "2025-02-10",
        "end": "2026-05-29",
        "owner": "admin",
        "manager": "contributor",
    },
    {
        "title": "Fjernavleste vannmålere",
        "problem": (
            "Om lag 4 500 abonnenter med vannmåler leser av måleren selv og sender inn "
            "avlesningen på papir eller nett, og rundt 1 200 må purres hvert år. Feilavlesninger "
            "gir mange klager på vannregningen, og kommunen har ingen mulighet til å oppdage "
            "lekkasjer på private stikkledninger."
        ),
        "target_state": (
            "Abonnentene får riktig vannregning uten å lese av måleren selv, og får varsel hvis "
            "forbruket tyder på en lekkasje i huset."
        ),
        "ambition": "improve",
        "lighthouse": False,
        "unit": "vann_avlop",
        "phase": "idea",
        "status": "active",
        "start": None,
        "end": None,
        "owner": "contributor",
        "manager": "pmo",
    },
]

# ---------------------------------------------------------------------------
# Åsdal kommune (~9 000 innbyggere)
# ---------------------------------------------------------------------------

ASDAL_UNITS: list[Unit] = [
    {"key": "asdal", "name": "Åsdal kommune", "parent": None},
    {"key": "helse", "name": "Helse og velferd", "parent": "asdal"},
    {"key": "pleie_omsorg", "name": "Pleie og omsorg", "parent": "helse"},
    {"key": "nav", "name": "NAV Åsdal – sosialtjenester", "parent": "helse"},
    {"key": "oppvekst", "name": "Oppvekst og skole", "parent": "asdal"},
    {"key": "skoler_barnehager", "name": "Skoler og barnehager", "parent": "oppvekst"},
    {"key": "teknisk", "name": "Teknisk drift", "parent": "asdal"},
    {"key": "vann_vei", "name": "Vann, avløp og vei", "parent": "teknisk"},
    {"key": "plan_byggesak", "name": "Plan, byggesak og eiendom", "parent": "teknisk"},
    {"key": "okonomi_hr", "name": "Økonomi og HR", "parent": "asdal"},
    {"key": "it", "name": "IT og digitalisering", "parent": "asdal"},
]

ASDAL_INITIATIVES: list[Initiative] = [
    {
        "title": "Overgang til digitale trygghetsalarmer",
        "problem": (
            "Åsdal har om lag 210 brukere med analoge trygghetsalarmer, og teleoperatøren "
            "legger ned kobbernettet i kommunen i løpet av 2026. Alarmene går i dag til en "
            "lokal vaktsentral som bare er bemannet på dagtid, og om natten sendes anropene "
            "videre til en vakttelefon i hjemmetjenesten."
        ),
        "target_state": (
            "Eldre som bor hjemme, kan stole på at alarmen alltid virker og at hjelpen kommer "
            "raskt, også om natten."
        ),
        "ambition": "improve",
        "lighthouse": False,
        "unit": "pleie_omsorg",
        "phase": "execution",
        "status": "active",
        "start": "2025-01-20",
        "end": "2026-06-30",
        "owner": "contributor",
        "manager": "contributor",
    },
    {
        "title": "Interkommunalt samarbeid om IKT-drift",
        "problem": (
            "Åsdal har to IT-ansatte som drifter over 60 fagsystemer for 900 brukere, og det "
            "finnes ingen vaktordning utenom arbeidstid. Kommunen oppfyller ikke NSMs "
            "grunnprinsipper for IKT-sikkerhet, og sykdom eller oppsigelse hos én person kan "
            "stanse viktige tjenester."
        ),
        "target_state": (
            "Innbyggerne i Åsdal får like sikre og stabile digitale tjenester som i større "
            "kommuner, gjennom felles IKT-drift med nabokommunene."
        ),
        "ambition": "transform",
        "lighthouse": True,
        "unit": "it",
        "phase": "planning",
        "status": "active",
        "start": "2025-11-03",
        "end": "2027-12-31",
        "owner": "admin",
        "manager": "pmo",
    },
    {
        "title": "Digitalt planregister og kartinnsyn",
        "problem": (
            "Reguleringsplanene i Åsdal finnes i dag som skannede PDF-er og papirkart, og bare "
            "en tredjedel er digitalisert etter nasjonal standard. Byggesaksbehandlerne bruker "
            "om lag 40 minutter per sak på å finne gjeldende plan, og innbyggere og utbyggere "
            "må ringe kommunen for å få vite hva som gjelder for tomten."
        ),
        "target_state": (
            "Alle kan selv se hvilke planer og bestemmelser som gjelder for en eiendom i et "
            "digitalt kart som alltid er oppdatert."
        ),
        "ambition": "improve",
        "lighthouse": False,
        "unit": "plan_byggesak",
        "phase": "concept",
        "status": "active",
        "start": "2026-02-02",
        "end": "2026-12-18",
        "owner": "pmo",
        "manager": "contributor",
    },
    {
        "title": "Fjernovervåking av pumpestasjoner",
        "problem": (
            "Kommunen har 34 avløpspumpestasjoner, men bare 9 av dem er fjernovervåket. "
            "Driftsoperatørene kjører rundt 25 000 km i året på manuelle inspeksjonsrunder, og "
            "i 2024 førte tre pumpestopp til overløp av urenset avløpsvann i Åsdalselva."
        ),
        "target_state": (
            "Innbyggerne kan bade trygt i elva og slipper kloakk i kjelleren, fordi feil på "
            "pumpestasjonene oppdages og rettes med én gang."
        ),
        "ambition": "improve",
        "lighthouse": False,
        "unit": "vann_vei",
        "phase": "execution",
        "status": "active",
        "start": "2025-04-01",
        "end": "2026-10-30",
        "owner": "contributor",
        "manager": "pmo",
    },
    {
        "title": "Ny foreldrekommunikasjon i skole og barnehage",
        "problem": (
            "Skolene og barnehagene brukte tre ulike løsninger for meldinger til foresatte, i "
            "tillegg til lapper i sekken og SMS fra private telefoner. Foresatte med flere "
            "barn måtte følge med i flere apper, og fravær ble meldt på ulike måter, noe som "
            "ga om lag 2 000 manuelle registreringer i året."
        ),
        "target_state": (
            "Foresatte får all informasjon fra skole og barnehage på ett sted, og melder "
            "fravær og beskjeder med noen få trykk."
        ),
        "ambition": "improve",
        "lighthouse": False,
        "unit": "skoler_barnehager",
        "phase": "closed",
        "status": "completed",
        "start": "2024-03-04",
        "end": "2024-10-31",
        "owner": "contributor",
        "manager": "contributor",
    },
    {
        "title": "Digital oppfølging av unge sosialhjelpsmottakere",
        "problem": (
            "NAV Åsdal har om lag 70 unge mellom 18 og 29 år som mottar økonomisk sosialhjelp, "
            "og mange har lang reisevei til NAV-kontoret. Oppmøtet på avtalte samtaler er "
            "under 60 prosent, og flere mister kontakten med NAV i lange perioder."
        ),
        "target_state": (
            "Unge får tett og fleksibel oppfølging der de er, på chat og video, og kommer "
            "raskere i arbeid eller utdanning."
        ),
        "ambition": "transform",
        "lighthouse": False,
        "unit": "nav",
        "phase": "idea",
        "status": "active",
        "start": None,
        "end": None,
        "owner": "pmo",
        "manager": "contributor",
    },
    {
        "title": "Elektronisk fakturamottak med automatisk kontering",
        "problem": (
            "Økonomikontoret tok imot om lag 14 000 fakturaer i året, og en fjerdedel kom "
            "fortsatt på papir eller som PDF på e-post. To ansatte brukte til sammen rundt "
            "1 400 timer i året på skanning, kontering og oppfølging av attestasjon."
        ),
        "target_state": (
            "Leverandørene får betalt til avtalt tid, og lokale bedrifter slipper å purre på "
            "kommunen."
        ),
        "ambition": "improve",
        "lighthouse": False,
        "unit": "okonomi_hr",
        "phase": "realisation",
        "status": "completed",
        "start": "2024-05-02",
        "end": "2026-06-30",
        "owner": "admin",
        "manager": "pmo",
    },
    {
        "title": "Ønsketurnus med digital turnusplanlegging",
        "problem": (
            "Pleie og omsorg lager turnus for om lag 140 ansatte i regneark, og det tar en "
            "avdelingsleder rundt tre uker å sette opp en turnusperiode. Andelen små stillinger "
            "er høy, og kommunen brukte 4,2 millioner kroner på innleie fra vikarbyrå i 2024."
        ),
        "target_state": (
            "Brukerne møter færre ulike ansatte og et mer stabilt personale, fordi turnusen gir "
            "flere hele stillinger og tar hensyn til de ansattes ønsker."
        ),
        "ambition": "transform",
        "lighthouse": False,
        "unit": "pleie_omsorg",
        "phase": "planning",
        "status": "on_hold",
        "start": "2025-09-01",
        "end": "2026-08-31",
        "owner": "admin",
        "manager": "contributor",
    },
]

"""The demo ideas from staff as data (loaded by demo/ideas.py through the idea services).

Pure data, no Django imports. People are keys of the loader's people (the roles, the line
managers of demo/benefits.py and the employees below, by e-mail local part); units are keys
of data.FJORDBY_UNITS / ASDAL_UNITS or of the extra units below.

An idea: ``by`` its author; ``days`` how many days ago it was submitted; ``units`` the
affected units; ``supports`` how many colleagues support it (drawn from the members with a
seeded random generator); ``follow`` who follows it without supporting or commenting;
``comments``: (who, day, text) or (who, day, text, replies), a reply being (who, day, text);
``reviewers`` assigned with the first answer; ``ratings`` on the default criteria in their
order (strategic value, qualitative benefit, economic benefit, operational or legal need,
risk — 5 is the lowest risk), given by the first reviewer or the portfolio office, all five
(a score) or fewer (not scored yet); ``answers``: (day, status, official answer) by the
portfolio office, "accepted" through the conversion into an initiative (``accept``: phase,
owner, manager, owning unit, objectives and ``gates`` — (day, decision point index) of the
gate decisions that moved it on since); ``duplicate_of`` the key of the earlier idea;
``moderation``: ``report`` (who, day, reason) on the idea, ``hide`` (day, reason),
``comment_report`` (comment index, who, day, reason), ``hide_comment`` (comment index, day,
reason). Every day is counted from the submission and lies in the past.
"""

# Units the ideas need that the demo organisation does not have (key, name, parent key).
FJORDBY_EXTRA_UNITS = [
    ("kultur", "Kultur og fritid", "fjordby"),
    ("bibliotek", "Fjordby bibliotek", "kultur"),
    ("servicetorget", "Servicetorget", "fjordby"),
]

# Staff with the employee role: (e-mail local part, unit key, name, job title).
FJORDBY_EMPLOYEES = [
    ("mari.johansen", "hjemmetjenesten", "Mari Johansen", "Sykepleier"),
    ("ahmed.hassan", "hjemmetjenesten", "Ahmed Hassan", "Helsefagarbeider"),
    ("tone.rasmussen", "hjemmetjenesten", "Tone Rasmussen", "Assisterende soneleder"),
    ("sindre.hagen", "hjemmetjenesten", "Sindre Hagen", "Vernepleier"),
    ("bjorn.aas", "sykehjem", "Bjørn Aas", "Sykepleier"),
    ("fatima.ali", "sykehjem", "Fatima Ali", "Helsefagarbeider"),
    ("jorunn.hovland", "sykehjem", "Jorunn Hovland", "Avdelingssykepleier"),
    ("kristian.moen", "nav", "Kristian Moen", "Veileder"),
    ("sara.holm", "helsestasjon", "Sara Holm", "Helsesykepleier"),
    ("ingvild.eng", "helsestasjon", "Ingvild Eng", "Jordmor"),
    ("petter.ruud", "tildeling", "Petter Ruud", "Saksbehandler"),
    ("camilla.strom", "skoler", "Camilla Strøm", "Kontaktlærer"),
    ("henrik.dale", "skoler", "Henrik Dale", "Lektor og IKT-ansvarlig"),
    ("nora.amundsen", "skoler", "Nora Amundsen", "Skolebibliotekar"),
    ("linda.pedersen", "barnehager", "Linda Pedersen", "Pedagogisk leder"),
    ("yusuf.demir", "barnehager", "Yusuf Demir", "Barne- og ungdomsarbeider"),
    ("kaja.nes", "ppt", "Kaja Nes", "PP-rådgiver"),
    ("trond.myhre", "vei_park", "Trond Myhre", "Fagarbeider vei"),
    ("espen.sletten", "vei_park", "Espen Sletten", "Parkarbeider"),
    ("knut.sande", "vann_avlop", "Knut Sande", "Driftsoperatør"),
    ("roger.husby", "eiendom", "Roger Husby", "Driftstekniker"),
    ("anita.sunde", "eiendom", "Anita Sunde", "Renholdsleder"),
    ("elin.tveit", "byggesak_plan", "Elin Tveit", "Byggesaksbehandler"),
    ("magnus.berge", "byggesak_plan", "Magnus Berge", "Arealplanlegger"),
    ("silje.kvam", "regnskap", "Silje Kvam", "Regnskapsmedarbeider"),
    ("daniel.ek", "innkjop", "Daniel Ek", "Innkjøpsrådgiver"),
    ("hilde.opsahl", "lonn", "Hilde Opsahl", "Lønnskonsulent"),
    ("marte.solheim", "personal", "Marte Solheim", "HR-rådgiver"),
    ("vegard.holt", "hms", "Vegard Holt", "HMS-rådgiver"),
    ("jonas.vold", "it_drift", "Jonas Vold", "IT-konsulent"),
    ("emilie.haug", "it_drift", "Emilie Haug", "Brukerstøtte"),
    ("aleksander.krogh", "digitalisering", "Aleksander Krogh", "Digitaliseringsrådgiver"),
    ("ragnhild.aasen", "bibliotek", "Ragnhild Åsen", "Bibliotekar"),
    ("tobias.winther", "kultur", "Tobias Winther", "Kulturkonsulent"),
    ("maria.santos", "servicetorget", "Maria Santos", "Veileder servicetorget"),
    ("gunnar.rise", "servicetorget", "Gunnar Rise", "Sentralbordmedarbeider"),
]

# The demo's employee persona works in a unit, so that her ideas count for it.
FJORDBY_PERSONA_UNIT = ("sykehjem", "Helsefagarbeider")

UR = "under_review"

FJORDBY_IDEAS = [
    # ------------------------------------------------------------ 1 (accepted, progressed)
    {
        "key": "meraapent",
        "by": "ragnhild.aasen",
        "days": 540,
        "units": ["bibliotek"],
        "title": "Meråpent bibliotek på kveldstid og i helgene",
        "problem": (
            "Hovedbiblioteket er bemannet 38 timer i uka, og er stengt når mange som jobber "
            "turnus eller pendler, har tid. Studenter og ungdom etterlyser et sted å lese om "
            "kvelden, og besøket har gått ned i fem år."
        ),
        "proposal": (
            "Innføre meråpent bibliotek: lånere med bibliotekkort og PIN låser seg inn selv "
            "fra 07 til 22 alle dager, med selvbetjent utlån, kamera i inngangen og "
            "husregler. Betjent tid beholdes som i dag."
        ),
        "benefit": (
            "Biblioteket er åpent over 90 timer i uka i stedet for 38. Flere besøk, flere "
            "utlån og et gratis oppholdssted for ungdom, uten flere årsverk."
        ),
        "supports": 34,
        "follow": ["leder.eiendom"],
        "comments": [
            (
                "nora.amundsen",
                3,
                "Elevene på ungdomsskolen spør om dette hele tiden. De trenger et rolig sted å "
                "gjøre lekser.",
                [("ragnhild.aasen", 4, "Takk! Vi kan gjerne lage en egen lesesal-sone for dem.")],
            ),
            (
                "roger.husby",
                10,
                "Dørene må ha adgangskontroll som kan kobles til låsesystemet vi allerede har "
                "på skolene. Ta kontakt med Eiendom tidlig.",
            ),
            (
                "vegard.holt",
                14,
                "Husk en risikovurdering for alenearbeid og hvem som rykker ut ved alarm på "
                "kveldstid.",
                [("pmo", 63, "Dette tas med i konseptfasen, sammen med Eiendom og HMS.")],
            ),
        ],
        "reviewers": ["contributor"],
        "ratings": (5, 5, 3, 3, 4),
        "answers": [
            (
                9,
                UR,
                "Takk for ideen! Vi har bedt prosjektleder Siri Nilsen se på erfaringene fra "
                "andre kommuner med meråpent bibliotek før porteføljerådet behandler den.",
            ),
            (
                62,
                "accepted",
                "Porteføljerådet har tatt ideen inn i porteføljen som et konsept. "
                "Nasjonalbiblioteket gir tilskudd til meråpent, og vi søker om midler i vår. "
                "Følg framdriften fra denne siden.",
            ),
        ],
        "accept": {
            "phase": "concept",
            "owner": "admin",
            "manager": "contributor",
            "unit": "bibliotek",
            "objectives": ["selvbetjening"],
            "gates": [(200, 1), (330, 2)],
            "start": 200,
            "end": 760,
        },
    },
    # ------------------------------------------------------------ 2 (done)
    {
        "key": "nokkelboks",
        "by": "mari.johansen",
        "days": 530,
        "units": ["hjemmetjenesten"],
        "title": "Digitale nøkkelbokser hos brukerne i hjemmetjenesten",
        "problem": (
            "Hjemmetjenesten har over 600 fysiske nøkler til brukernes hjem. Nøklene hentes og "
            "leveres på kontoret ved hver vakt, det tar tid, og det har skjedd at nøkler er "
            "mistet eller tatt med hjem. Da må låsen byttes, og brukeren blir utrygg."
        ),
        "proposal": (
            "Montere digitale nøkkelbokser eller elektroniske dørlåser hos brukerne, som "
            "åpnes med mobilen etter vaktplanen. Alle åpninger logges."
        ),
        "benefit": (
            "Ingen nøkkelhenting ved vaktstart, ingen mistede nøkler, og logg over hvem som "
            "har vært hos brukeren. Anslått 20 minutter spart per ansatt per vakt."
        ),
        "supports": 31,
        "follow": ["leder.hjemmetjenesten"],
        "comments": [
            (
                "ahmed.hassan",
                1,
                "Ja! Jeg brukte 25 minutter i går på å lete etter en nøkkel som lå i feil skuff.",
                [("mari.johansen", 2, "Nettopp sånn. Og det skjer flere ganger i uka.")],
            ),
            (
                "leder.hjemmetjenesten",
                5,
                "Dette støtter jeg. Vi må avklare med personvernombudet hvordan loggen skal "
                "brukes, slik at den ikke blir en kontroll av de ansatte.",
            ),
            (
                "tone.rasmussen",
                20,
                "Noen brukere vil ikke ha noe montert på døra. Vi må ha en løsning for dem også.",
            ),
            (
                "sindre.hagen",
                470,
                "Nå har vi hatt låsene i et halvt år. Morgenvakta starter mye roligere.",
            ),
        ],
        "reviewers": ["leder.hjemmetjenesten"],
        "ratings": (4, 4, 5, 4, 5),
        "answers": [
            (
                6,
                UR,
                "Takk! Ideen passer godt med målet om mer tid til brukerne. Leder for "
                "hjemmetjenesten vurderer den sammen med porteføljekontoret.",
            ),
            (
                41,
                "accepted",
                "Ideen er tatt inn i porteføljen. Vi starter med en pilot i sone sentrum og "
                "ønsker erfaringer fra dere som har foreslått og støttet den.",
            ),
            (
                445,
                "done",
                "Digitale nøkkelbokser er nå tatt i bruk hos alle brukere som ønsker det, og "
                "prosjektet er avsluttet. Takk til alle som bidro underveis!",
            ),
        ],
        "accept": {
            "phase": "idea",
            "owner": "leder.hjemmetjenesten",
            "manager": "contributor",
            "objectives": ["omsorgstid"],
            "gates": [(80, 0), (120, 1), (170, 2), (330, 3), (400, 4)],
            "start": 80,
            "end": 400,
        },
    },
    # ------------------------------------------------------------ 3
    {
        "key": "hull_i_veien",
        "by": "trond.myhre",
        "days": 515,
        "units": ["vei_park"],
        "title": "Digitalt skjema for å melde hull i veien, med bilde og kart",
        "problem": (
            "Meldinger om hull i veien, knuste gatelys og velta skilt kommer på telefon, "
            "e-post og Facebook. Vi vet ofte ikke nøyaktig hvor skaden er, og samme hull blir "
            "meldt mange ganger."
        ),
        "proposal": (
            "Et skjema på nettsidene der innbyggeren markerer stedet i kart og legger ved "
            "bilde. Meldingen går rett inn i arbeidsordresystemet vårt."
        ),
        "benefit": (
            "Raskere utbedring, færre telefoner og en oversikt over skader som kan brukes i "
            "vedlikeholdsplanen."
        ),
        "supports": 10,
        "comments": [
            (
                "maria.santos",
                2,
                "Servicetorget tar mange av disse telefonene. Vi ville satt stor pris på dette.",
            ),
            ("leder.vei", 30, "Vi bør se dette sammen med nytt drifts- og vedlikeholdssystem."),
        ],
        "reviewers": ["leder.vei"],
        "ratings": (3, 3, 3, 3, 4),
        "answers": [
            (5, UR, "Takk for ideen. Leder for vei og park ser på den."),
            (
                48,
                "parked",
                "Vi parkerer ideen til nytt drifts- og vedlikeholdssystem for vei er anskaffet "
                "(planlagt neste år). Et eget skjema nå ville måtte byttes ut kort tid etter. "
                "Kravet om innmelding med kart og bilde tas med i anskaffelsen.",
            ),
        ],
    },
    # ------------------------------------------------------------ 4
    {
        "key": "reiseregning",
        "by": "silje.kvam",
        "days": 500,
        "units": ["regnskap", "lonn"],
        "title": "Reiseregning og utlegg rett fra mobilen",
        "problem": (
            "Reiseregninger leveres på papir med kvitteringer stiftet på. Regnskap og lønn "
            "taster inn omtrent 4 000 regninger i året, og mange må sendes tilbake fordi noe "
            "mangler."
        ),
        "proposal": (
            "Ta i bruk mobilappen til lønnssystemet, der den ansatte tar bilde av kvitteringen "
            "og sender reiseregningen til godkjenning."
        ),
        "benefit": "Mindre tasting, færre feil og raskere utbetaling til de ansatte.",
        "supports": 7,
        "comments": [
            (
                "hilde.opsahl",
                4,
                "Appen følger med lisensen vi allerede har. Det handler mest om å slå den på og "
                "lære folk å bruke den.",
            ),
        ],
        "ratings": (2, 3, 2, 2, 5),
        "answers": [
            (20, UR, "Takk! Vi sjekker med lønnsleverandøren hva lisensen dekker."),
            (
                58,
                "rejected",
                "Appen er en del av lisensen vi har, så dette trenger ikke bli et tiltak i "
                "porteføljen. Lønn slår den på for alle etter nyttår og sender ut en kort "
                "brukerveiledning. Ideen var god, og den blir gjennomført i linjen.",
            ),
        ],
    },
    # ------------------------------------------------------------ 5
    {
        "key": "fravaer",
        "by": "camilla.strom",
        "days": 485,
        "units": ["skoler"],
        "title": "Føre fravær rett fra klasserommet på nettbrett",
        "problem": (
            "Fravær noteres på papir i timen og føres inn i skoleadministrativt system etter "
            "skoletid. Det blir feil, og foreldre får beskjed om fravær for sent."
        ),
        "proposal": "Føre fravær direkte på nettbrett i timen.",
        "benefit": "Riktigere fravær og raskere beskjed til foresatte.",
        "supports": 4,
        "comments": [
            (
                "henrik.dale",
                3,
                "Det nye skoleadministrative systemet som kommer til høsten, har dette innebygd.",
            ),
        ],
        "answers": [
            (
                33,
                "rejected",
                "Takk for forslaget. Nytt skoleadministrativt system tas i bruk fra august, og "
                "det har fraværsføring i klasserommet på nettbrett og PC. Ideen blir dermed "
                "dekket uten et eget tiltak.",
            ),
        ],
    },
    # ------------------------------------------------------------ 6
    {
        "key": "sso",
        "by": "jonas.vold",
        "days": 470,
        "units": ["it_drift", "helse", "oppvekst"],
        "title": "Én pålogging til alle fagsystemer (single sign-on)",
        "problem": (
            "Ansatte i helse og oppvekst logger inn i fire til seks systemer hver dag, med "
            "ulike passord. Brukerstøtte får om lag 300 henvendelser i måneden om glemte "
            "passord og låste kontoer."
        ),
        "proposal": (
            "Koble fagsystemene til kommunens felles pålogging med tofaktor, slik at man "
            "logger inn én gang per dag."
        ),
        "benefit": (
            "Spart tid ved vaktstart, færre henvendelser til brukerstøtte og bedre sikkerhet "
            "med tofaktor overalt."
        ),
        "supports": 20,
        "follow": ["leder.it"],
        "comments": [
            (
                "emilie.haug",
                1,
                "Glemt passord er den vanligste henvendelsen vi får. Dette ville hjulpet mye.",
            ),
            (
                "fatima.ali",
                6,
                "På sykehjemmet deler vi PC på vaktrommet, og innloggingen tar lang tid hver gang.",
                [("jonas.vold", 7, "Akkurat den situasjonen ville blitt mye enklere.")],
            ),
            (
                "leder.it",
                40,
                "Flere av fagsystemene støtter ikke felles pålogging i dag. Vi må ta det "
                "leverandør for leverandør.",
            ),
        ],
        "reviewers": ["leder.it"],
        "ratings": (4, 4, 3, 3, 2),
        "answers": [
            (10, UR, "Takk! IT-driftsleder vurderer hvilke systemer som kan kobles på."),
            (
                105,
                "parked",
                "Felles pålogging er med i den nye IKT-strategien, men tre av de største "
                "fagsystemene må oppgraderes først. Vi parkerer ideen til oppgraderingene er "
                "gjort og tar den opp igjen i porteføljerådet om et år.",
            ),
        ],
    },
    # ------------------------------------------------------------ 7
    {
        "key": "slamtomming",
        "by": "knut.sande",
        "days": 460,
        "units": ["vann_avlop"],
        "title": "SMS-varsel til innbyggerne før slamtømming",
        "problem": (
            "Når slambilen kommer, er kummen ofte dekket til eller porten låst. Da må bilen "
            "komme tilbake, og vi får mange telefoner fra folk som ikke visste at det var "
            "tømming."
        ),
        "proposal": "Sende SMS til eieren tre dager før tømming, med dato og hva som må gjøres.",
        "benefit": "Færre bomturer for slambilen og færre telefoner.",
        "supports": 5,
        "comments": [
            ("gunnar.rise", 2, "Dette spør folk om på sentralbordet nesten hver uke."),
        ],
        "ratings": (2, 3, 2, 2, 5),
        "answers": [
            (14, UR, "Takk! Vi sjekker om varslingstjenesten vi bruker i dag kan brukes."),
            (
                40,
                "rejected",
                "Kommunen har allerede en varslingstjeneste for SMS som brukes ved "
                "vannavstengning. Vann og avløp tar den i bruk også for slamtømming fra neste "
                "sesong. Det trengs ikke et eget tiltak i porteføljen.",
            ),
        ],
    },
    # ------------------------------------------------------------ 8
    {
        "key": "ehandel",
        "by": "daniel.ek",
        "days": 445,
        "units": ["innkjop", "okonomi"],
        "title": "E-handel med katalog fra rammeavtalene for alle enheter",
        "problem": (
            "Enhetene bestiller på e-post, telefon og i nettbutikker, og mye kjøpes utenfor "
            "rammeavtalene. Det gir høyere priser og fakturaer som ikke kan matches mot en "
            "bestilling."
        ),
        "proposal": "Et felles e-handelssystem med katalog over varer fra rammeavtalene.",
        "benefit": "Bedre avtalelojalitet, lavere priser og automatisk fakturamatching.",
        "supports": 3,
        "comments": [
            (
                "leder.regnskap",
                12,
                "Vil gi bedre treff for fakturaroboten, men krever at alle enheter bruker det.",
            ),
        ],
        "reviewers": ["leder.innkjop"],
        "ratings": (3, 2, 4, 2, 2),
        "answers": [
            (12, UR, "Takk. Innkjøpssjefen ser på kostnadene."),
            (
                90,
                "rejected",
                "Et e-handelssystem krever en egen anskaffelse og innføring i alle enheter, og "
                "gevinsten er usikker så lenge fakturaroboten allerede matcher det meste. Vi "
                "går ikke videre nå, men tar behovet med når økonomisystemet skal byttes.",
            ),
        ],
    },
    # ------------------------------------------------------------ 9
    {
        "key": "ring_tilbake",
        "by": "maria.santos",
        "days": 430,
        "units": ["servicetorget"],
        "title": "Ring-tilbake-funksjon i telefonkøen",
        "problem": (
            "I travle perioder venter innbyggerne opptil ti minutter i telefonkø, og mange "
            "legger på. De ringer igjen senere, så køen blir enda lengre."
        ),
        "proposal": (
            "La innbyggeren taste 1 for å bli ringt opp når det er hans eller hennes tur, i "
            "stedet for å vente i køen."
        ),
        "benefit": "Mindre frustrasjon, færre tapte anrop og jevnere arbeidsdag på sentralbordet.",
        "supports": 11,
        "comments": [
            ("gunnar.rise", 1, "Mandager etter kl. 10 er verst. Da har vi ofte 20 i kø."),
            (
                "tone.rasmussen",
                15,
                "Pårørende til brukerne våre klager på køen. Dette ville hjulpet dem også.",
            ),
        ],
        "ratings": (3, 4, 3, 3, 4),
        "answers": [
            (7, UR, "Takk! Vi undersøker hva telefoniløsningen kan."),
            (
                60,
                "parked",
                "Dagens telefoniavtale går ut neste år, og ring-tilbake koster ekstra i den. Vi "
                "parkerer ideen og tar ring-tilbake med som krav i den nye anskaffelsen.",
            ),
        ],
    },
    # ------------------------------------------------------------ 10
    {
        "key": "superbrukere",
        "by": "sindre.hagen",
        "days": 420,
        "units": ["hjemmetjenesten"],
        "title": "Superbrukere på velferdsteknologi i hver sone",
        "problem": (
            "Når sensorer og medisindispensere ikke virker, vet få hvem de skal spørre. Vi "
            "ringer leverandøren og venter lenge."
        ),
        "proposal": "Utnevne og lære opp én superbruker i hver sone, med tid avsatt i turnusen.",
        "benefit": "Raskere hjelp ved feil og tryggere ansatte.",
        "supports": 4,
        "answers": [
            (
                18,
                "rejected",
                "Takk for ideen! Superbrukere i hver sone er allerede med i planen for "
                "initiativet «Digitalt tilsyn i hjemmetjenesten», og opplæringen starter i "
                "høst. Vi lager derfor ikke et eget tiltak.",
            ),
        ],
    },
    # ------------------------------------------------------------ 11
    {
        "key": "digital_tavle",
        "by": "employee",
        "days": 400,
        "units": ["sykehjem"],
        "title": "Digital tavle på vaktrommet i stedet for whiteboard",
        "problem": (
            "Beskjeder om beboere, avtaler og hvem som har ansvar står på whiteboard og "
            "gule lapper. Det viskes ut, og nattevakta ser ikke alltid hva dagvakta skrev."
        ),
        "proposal": (
            "En skjerm på vaktrommet som viser dagens oppgaver og beskjeder fra fagsystemet."
        ),
        "benefit": "Færre glemte beskjeder mellom vaktene.",
        "supports": 5,
        "comments": [
            (
                "jorunn.hovland",
                3,
                "Vi må passe på at det ikke står helseopplysninger synlig for besøkende.",
            ),
        ],
        "ratings": (2, 3, 2, 2, 4),
        "answers": [
            (15, UR, "Takk! Vi sjekker hva fagsystemet kan vise på en skjerm."),
            (
                75,
                "parked",
                "Fagsystemet får en tavlemodul i neste versjon, som kommer neste år. Vi "
                "parkerer ideen til da, så slipper vi å kjøpe noe som blir overflødig.",
            ),
        ],
    },
    # ------------------------------------------------------------ 12
    {
        "key": "stroing_gps",
        "by": "trond.myhre",
        "days": 395,
        "units": ["vei_park"],
        "title": "Vis brøyting og strøing i kart for innbyggerne",
        "problem": (
            "Vintermorgener ringer mange for å spørre når veien deres blir brøytet eller strødd."
        ),
        "proposal": (
            "Logge brøytebilene med GPS og vise i et kart på nettsidene hvor det er brøytet."
        ),
        "benefit": "Færre telefoner og bedre dokumentasjon ved klager.",
        "supports": 4,
        "ratings": (2, 2, 1, 2, 3),
        "answers": [
            (12, UR, "Takk. Vi ser på hva det vil koste."),
            (
                95,
                "rejected",
                "Brøytingen er satt ut til fire entreprenører med ulikt utstyr, og GPS-logging "
                "må avtales i nye kontrakter. Kostnaden er høy sammenlignet med gevinsten, så vi "
                "går ikke videre nå.",
            ),
        ],
    },
    # ------------------------------------------------------------ 13
    {
        "key": "ppt_henvisning",
        "by": "kaja.nes",
        "days": 385,
        "units": ["ppt", "skoler", "barnehager"],
        "title": "Digital henvisning til PPT med sjekkliste",
        "problem": (
            "Henvisninger fra skoler og barnehager kommer på papir og mangler ofte "
            "opplysninger. Vi bruker mye tid på å etterspørre dokumentasjon før saken kan "
            "starte."
        ),
        "proposal": (
            "Et digitalt henvisningsskjema med sjekkliste over hva som må være med, og "
            "samtykke fra foresatte med BankID."
        ),
        "benefit": "Kortere ventetid for barna og færre ufullstendige henvisninger.",
        "supports": 5,
        "comments": [
            (
                "linda.pedersen",
                5,
                "Vi i barnehagene blir ofte usikre på hva som skal med. En sjekkliste hadde "
                "hjulpet.",
            ),
        ],
        "ratings": (3, 3, 3, 4, 3),
        "answers": [
            (10, UR, "Takk! PPT og porteføljekontoret ser på ideen."),
            (
                120,
                "parked",
                "Det kommer en nasjonal løsning for digital henvisning til PPT gjennom KS. Vi "
                "parkerer ideen og følger med på den, så vi ikke lager noe eget som må byttes "
                "ut.",
            ),
        ],
    },
    # ------------------------------------------------------------ 14 (duplicate of 2)
    {
        "key": "elektroniske_laaser",
        "by": "ahmed.hassan",
        "days": 375,
        "units": ["hjemmetjenesten"],
        "title": "Slippe nøkkelknippet: elektroniske låser hjemme hos brukerne",
        "problem": (
            "Vi bruker lang tid på å hente og levere nøkler til brukerne på kontoret, og "
            "nøkler blir borte."
        ),
        "proposal": "Elektroniske låser som vi åpner med mobilen.",
        "benefit": "Spart tid og tryggere for brukerne.",
        "supports": 3,
        "answers": [
            (
                5,
                "duplicate",
                "Takk! Dette er samme idé som «Digitale nøkkelbokser hos brukerne i "
                "hjemmetjenesten», som allerede er tatt inn i porteføljen. Følg den for å se "
                "framdriften.",
            ),
        ],
        "duplicate_of": "nokkelboks",
    },
    # ------------------------------------------------------------ 15
    {
        "key": "lokaler",
        "by": "maria.santos",
        "days": 360,
        "units": ["servicetorget", "kultur", "eiendom"],
        "title": "Booke kommunale lokaler og gymsaler på nett",
        "problem": (
            "Lag og foreninger ringer eller sender e-post for å leie gymsaler og møterom. "
            "Servicetorget fører oversikten i et regneark, og dobbeltbookinger skjer."
        ),
        "proposal": "En nettside der man ser ledige tider og booker og betaler selv.",
        "benefit": "Færre henvendelser, ingen dobbeltbooking og bedre utnyttelse av lokalene.",
        "supports": 17,
        "comments": [
            (
                "tobias.winther",
                2,
                "Idrettslagene har etterspurt dette i flere år.",
                [
                    (
                        "maria.santos",
                        3,
                        "Ja, de ringer oss hver høst når hallfordelingen skal gjøres.",
                    )
                ],
            ),
            (
                "roger.husby",
                9,
                "Låsene på gymsalene kan kobles til en bookingløsning, så slipper vaktmesteren "
                "å låse opp.",
            ),
        ],
        "ratings": (3, 4, 3, 2, 4),
        "answers": [
            (14, UR, "Takk! Vi ser på løsninger andre kommuner bruker."),
            (
                70,
                "parked",
                "KS utvikler en felles løsning for booking av kommunale lokaler som flere "
                "kommuner skal ta i bruk. Vi parkerer ideen og melder interesse for å være med "
                "når løsningen er klar.",
            ),
        ],
    },
    # ------------------------------------------------------------ 16 (accepted recently)
    {
        "key": "energistyring",
        "by": "roger.husby",
        "days": 350,
        "units": ["eiendom", "skoler"],
        "title": "Styre ventilasjon og varme etter faktisk bruk av skolebyggene",
        "problem": (
            "Ventilasjon og varme i skolene går på faste tider, også i ferier og når "
            "gymsalene står tomme om kvelden. Energiregningen for skolebyggene var 14 "
            "millioner kroner i fjor."
        ),
        "proposal": (
            "Koble bygningsautomasjonen til timeplanen og bookingen av lokaler, og montere "
            "CO₂-målere slik at ventilasjonen styres etter behov."
        ),
        "benefit": "Anslått 15–20 prosent lavere energibruk i skolebyggene og bedre inneklima.",
        "supports": 8,
        "follow": ["leder.eiendom", "leder.skole"],
        "comments": [
            (
                "henrik.dale",
                6,
                "Inneklimaet i klasserommene er dårlig på ettermiddagen. Behovsstyring ville "
                "hjulpet både elever og lærere.",
            ),
            (
                "leder.eiendom",
                25,
                "Vi trenger en energianalyse av byggene først, for å vite hvor gevinsten er "
                "størst.",
                [("roger.husby", 26, "Enig. Vi kan starte med de tre største skolene.")],
            ),
        ],
        "reviewers": ["leder.eiendom"],
        "ratings": (4, 3, 5, 4, 4),
        "answers": [
            (
                20,
                UR,
                "Takk! Eiendom får en energianalyse av skolebyggene i vår, og vi behandler "
                "ideen når den er klar.",
            ),
            (
                330,
                "accepted",
                "Energianalysen viser at behovsstyring i de tre største skolene kan spare rundt "
                "2 millioner kroner i året. Porteføljerådet har tatt ideen inn i porteføljen.",
            ),
        ],
        "accept": {
            "phase": "idea",
            "owner": "leder.eiendom",
            "manager": "contributor",
            "objectives": ["klima", "kostnader"],
        },
    },
    # ------------------------------------------------------------ 17
    {
        "key": "wifi_sykehjem",
        "by": "fatima.ali",
        "days": 340,
        "units": ["sykehjem"],
        "title": "Trådløst nett for beboere og pårørende på sykehjemmene",
        "problem": (
            "Beboere og pårørende har ikke tilgang til trådløst nett. Videosamtaler med "
            "familien må gjøres på de ansattes telefoner."
        ),
        "proposal": "Åpent gjestenett på alle sykehjemmene.",
        "benefit": (
            "Beboerne kan holde kontakt med familien, og ansatte slipper å låne bort telefonen."
        ),
        "supports": 11,
        "comments": [
            ("bjorn.aas", 2, "Dette burde vært på plass for lenge siden."),
        ],
        "ratings": (2, 4, 1, 3, 5),
        "answers": [
            (12, UR, "Takk! IT-drift ser på det."),
            (
                40,
                "rejected",
                "Gjestenett på sykehjemmene kan IT-drift sette opp innenfor driftsbudsjettet, og "
                "det er nå bestilt. Det blir derfor ikke et tiltak i porteføljen, men ideen blir "
                "gjennomført i løpet av høsten.",
            ),
        ],
    },
    # ------------------------------------------------------------ 18
    {
        "key": "skolebibliotek",
        "by": "nora.amundsen",
        "days": 330,
        "units": ["skoler", "bibliotek"],
        "title": "Felles katalog og utlån mellom skolebibliotekene og folkebiblioteket",
        "problem": (
            "Hvert skolebibliotek har sin egen katalog, og elevene kan ikke se eller låne bøker "
            "fra de andre skolene eller fra folkebiblioteket."
        ),
        "proposal": (
            "Samle skolebibliotekene i folkebibliotekets system med felles katalog og transport."
        ),
        "benefit": "Større utvalg for elevene og bedre bruk av bøkene vi har.",
        "supports": 7,
        "comments": [
            ("ragnhild.aasen", 4, "Folkebiblioteket er positivt. Systemet vårt har plass til det."),
        ],
        "reviewers": ["leder.skole"],
        "ratings": (3, 4, 3, 2, 4),
        "answers": [
            (
                14,
                UR,
                "Takk! Skolesjefen og biblioteket ser på ideen sammen, og vi kommer tilbake når "
                "kostnadene for transport er avklart.",
            ),
        ],
    },
    # ------------------------------------------------------------ 19
    {
        "key": "avvik_mobil",
        "by": "vegard.holt",
        "days": 310,
        "units": ["hms"],
        "title": "Melde avvik på mobilen med bilde",
        "problem": (
            "Mange avvik meldes ikke fordi man må sette seg ved en PC. Særlig de som jobber "
            "ute, melder lite."
        ),
        "proposal": "En enkel måte å melde avvik på fra mobilen, med bilde.",
        "benefit": "Flere avvik meldt, og raskere.",
        "supports": 3,
        "answers": [
            (
                9,
                "rejected",
                "Takk! Avvikssystemet har faktisk en mobilversjon som få kjenner til. HMS lager "
                "en informasjonskampanje med QR-kode på alle arbeidssteder i stedet for et nytt "
                "tiltak.",
            ),
        ],
    },
    # ------------------------------------------------------------ 20
    {
        "key": "elsykkel",
        "by": "ahmed.hassan",
        "days": 300,
        "units": ["hjemmetjenesten"],
        "title": "Elsykler til hjemmetjenesten i sentrum",
        "problem": (
            "I sentrum bruker vi mye tid på å finne parkering, og bilene står ofte i kø. Mange "
            "besøk ligger under to kilometer fra hverandre."
        ),
        "proposal": "Kjøpe inn fire elsykler med kasse til sone sentrum.",
        "benefit": "Raskere mellom besøkene, lavere bilkostnader og bedre helse for de ansatte.",
        "supports": 16,
        "comments": [
            ("mari.johansen", 1, "Jeg sykler gjerne, så lenge vi får gode regnklær."),
            (
                "vegard.holt",
                8,
                "Vi må ha en rutine for vinterføre. Piggdekk og opplæring.",
                [("ahmed.hassan", 9, "Om vinteren kan vi bruke bilene som før.")],
            ),
        ],
        "ratings": (3, 3, 3, 2, 4),
        "answers": [
            (12, UR, "Takk! Vi ser på ideen sammen med bilordningen."),
            (
                70,
                "parked",
                "Bilparken til hjemmetjenesten skal fornyes neste år. Vi parkerer ideen og tar "
                "med elsykler i vurderingen da.",
            ),
        ],
    },
    # ------------------------------------------------------------ 21
    {
        "key": "klarsprak",
        "by": "gunnar.rise",
        "days": 298,
        "units": ["servicetorget"],
        "title": "Skrive om standardbrevene på klarspråk",
        "problem": (
            "Mange ringer fordi de ikke forstår brevene de har fått fra kommunen, særlig om "
            "eiendomsskatt og kommunale avgifter."
        ),
        "proposal": "Gå gjennom de 20 mest brukte standardbrevene og skrive dem om på klarspråk.",
        "benefit": "Færre telefoner og innbyggere som forstår hva de skal gjøre.",
        "supports": 6,
        "comments": [
            (
                "maria.santos",
                3,
                "Brevet om eiendomsskatt er det verste. Vi forklarer det i telefonen hver dag.",
            ),
        ],
        "answers": [
            (
                30,
                UR,
                "Takk! Vi undersøker hvor mange henvendelser brevene gir, og hva det vil koste å "
                "skrive dem om.",
            ),
        ],
    },
    # ------------------------------------------------------------ 22
    {
        "key": "utskrift",
        "by": "emilie.haug",
        "days": 290,
        "units": ["it_drift"],
        "title": "Færre skrivere med følg-meg-utskrift",
        "problem": (
            "Kommunen har over 200 skrivere, mange lite brukt. Utskrifter blir liggende, også "
            "med personopplysninger."
        ),
        "proposal": "Felles skrivere der man henter utskriften med adgangskortet.",
        "benefit": "Lavere kostnader og ingen glemte utskrifter.",
        "supports": 4,
        "ratings": (2, 2, 3, 2, 4),
        "answers": [
            (8, UR, "Takk. Vi ser på skriveravtalen."),
            (
                45,
                "rejected",
                "Skriveravtalen varer til 2027, og det koster mye å bryte den. Vi tar med "
                "følg-meg-utskrift som krav i neste avtale, men går ikke videre nå.",
            ),
        ],
    },
    # ------------------------------------------------------------ 23
    {
        "key": "ekstravakter",
        "by": "hilde.opsahl",
        "days": 280,
        "units": ["lonn", "sykehjem", "hjemmetjenesten"],
        "title": "Timelister for ekstravakter digitalt i stedet for på papir",
        "problem": (
            "Ekstravakter og overtid føres på papirtimelister som sendes til lønn i "
            "internposten. Vi taster inn rundt 1 500 timelister i måneden, og mange kommer "
            "for sent til lønnskjøringen."
        ),
        "proposal": (
            "La de ansatte registrere ekstravakter i turnussystemet, og la lederen godkjenne "
            "der, slik at timene går rett til lønn."
        ),
        "benefit": (
            "Riktig lønn til rett tid, mindre tasting hos lønn og bedre oversikt over "
            "overtidsbruk for lederne."
        ),
        "supports": 27,
        "follow": ["leder.personal"],
        "comments": [
            (
                "bjorn.aas",
                2,
                "Jeg har fått ekstravakter utbetalt en måned for sent flere ganger.",
                [("hilde.opsahl", 3, "Dessverre vanlig. Papirene kommer for sent til oss.")],
            ),
            (
                "leder.sykehjem",
                12,
                "Jeg bruker mye tid på å signere papirtimelister. Støtter dette.",
            ),
            (
                "jorunn.hovland",
                40,
                "Hvordan går det med denne?",
                [
                    (
                        "pmo",
                        44,
                        "Vi venter på svar fra leverandøren av turnussystemet om hva modulen "
                        "koster. Vi kommer tilbake så snart vi vet mer.",
                    )
                ],
            ),
        ],
        "reviewers": ["contributor", "leder.personal"],
        "ratings": (4, 4, 4, 4, 3),
        "answers": [
            (
                14,
                UR,
                "Takk! Dette har stor støtte. Vi har bedt om pris på modulen i turnussystemet og "
                "behandler ideen når den er klar.",
            ),
        ],
    },
    # ------------------------------------------------------------ 24
    {
        "key": "bleier",
        "by": "yusuf.demir",
        "days": 270,
        "units": ["barnehager", "innkjop"],
        "title": "Felles innkjøp av bleier og våtservietter til barnehagene",
        "problem": "Hver barnehage kjøper bleier selv, til ulike priser.",
        "proposal": "Felles innkjøp for alle barnehagene, levert hver måned.",
        "benefit": "Lavere priser og mindre tid på bestilling.",
        "supports": 3,
        "ratings": (1, 2, 3, 1, 4),
        "answers": [
            (30, UR, "Takk! Innkjøp ser på prisene."),
            (
                75,
                "rejected",
                "Innkjøp har sett på det: barnehagene bruker allerede rammeavtalen, og "
                "prisforskjellen er liten. Vi går derfor ikke videre med ideen.",
            ),
        ],
    },
    # ------------------------------------------------------------ 25
    {
        "key": "byggesak_veiviser",
        "by": "elin.tveit",
        "days": 260,
        "units": ["byggesak_plan"],
        "title": "Veiviser som sjekker byggesøknaden før den sendes inn",
        "problem": (
            "Halvparten av byggesøknadene vi får, mangler dokumentasjon. Vi sender brev om "
            "mangler, og saken står stille i uker."
        ),
        "proposal": (
            "En veiviser på nettsidene som spør hva innbyggeren skal bygge, og sier hva som må "
            "være med før søknaden sendes."
        ),
        "benefit": "Færre mangelbrev, kortere saksbehandlingstid og mer fornøyde søkere.",
        "supports": 8,
        "comments": [
            (
                "magnus.berge",
                3,
                "Mange spør oss også om de i det hele tatt må søke. Veiviseren kan svare på det.",
            ),
            (
                "leder.byggesak",
                20,
                "Godt forslag. Vi må se det sammen med de nasjonale byggesaksløsningene.",
            ),
        ],
        "reviewers": ["leder.byggesak"],
        "ratings": (4, 4, 3, 3, 3),
        "answers": [
            (10, UR, "Takk! Byggesakssjefen vurderer ideen."),
            (
                80,
                "parked",
                "Direktoratet for byggkvalitet lanserer en nasjonal veiviser for byggesøknader "
                "neste år. Vi parkerer ideen og tar den i bruk når den kommer, i stedet for å "
                "lage vår egen.",
            ),
        ],
    },
    # ------------------------------------------------------------ 26
    {
        "key": "kulturkalender",
        "by": "tobias.winther",
        "days": 258,
        "units": ["kultur"],
        "title": "Felles arrangementskalender for lag, foreninger og kommunen",
        "problem": (
            "Arrangementer kolliderer fordi ingen har oversikt. Lag og foreninger annonserer "
            "på Facebook, og mange får ikke med seg hva som skjer."
        ),
        "proposal": (
            "En kalender på kommunens nettsider der lag og foreninger legger inn "
            "arrangementer selv."
        ),
        "benefit": "Færre kollisjoner og flere besøkende på arrangementene.",
        "supports": 4,
        "ratings": (2, 3, 2, 1, 4),
        "answers": [
            (18, UR, "Takk! Vi ser på hva som finnes fra før."),
            (
                50,
                "rejected",
                "Regionrådet har allerede en felles arrangementskalender som lagene kan bruke "
                "gratis. Vi lenker til den fra kommunens nettsider og informerer lagene om den, "
                "i stedet for å lage en egen.",
            ),
        ],
    },
    # ------------------------------------------------------------ 27
    {
        "key": "vedtaksmaler",
        "by": "petter.ruud",
        "days": 250,
        "units": ["tildeling"],
        "title": "Felles maler for vedtak om helse- og omsorgstjenester",
        "problem": (
            "Saksbehandlerne skriver vedtak på hver sin måte. Det tar tid, og vedtakene blir "
            "ulike for like saker."
        ),
        "proposal": "Felles maler med standardtekster for de vanligste vedtakene.",
        "benefit": "Raskere vedtak og likere behandling.",
        "supports": 5,
        "comments": [
            (
                "leder.tildeling",
                4,
                "Dette kan vi starte med selv. Jeg setter av tid på fagdagen i neste måned.",
            ),
        ],
        "answers": [
            (
                21,
                "rejected",
                "Takk for en god idé! Den er så konkret at tildelingskontoret gjennomfører den "
                "selv, uten et tiltak i porteføljen. Leder for tildelingskontoret har satt det på "
                "planen.",
            ),
        ],
    },
    # ------------------------------------------------------------ 28
    {
        "key": "bilpool",
        "by": "daniel.ek",
        "days": 245,
        "units": ["innkjop", "hjemmetjenesten", "eiendom"],
        "title": "Felles bilpool med elbiler og booking",
        "problem": (
            "Enhetene har egne biler som står mye stille, samtidig som ansatte bruker egen "
            "bil og får kjøregodtgjørelse for 3,5 millioner kroner i året."
        ),
        "proposal": "En felles bilpool med elbiler som bookes på nett.",
        "benefit": "Lavere kostnader og utslipp, færre biler totalt.",
        "supports": 9,
        "comments": [
            (
                "tone.rasmussen",
                3,
                "Hjemmetjenesten trenger bilene hele dagen. Vi må ha egne biler fortsatt.",
            ),
        ],
        "ratings": (3, 3, 4, 2, 3),
        "answers": [
            (20, UR, "Takk! Vi ser på bruken av bilene i dag."),
            (
                100,
                "parked",
                "Analysen viser at en bilpool kan lønne seg for administrasjonen, men ikke for "
                "hjemmetjenesten. Vi parkerer ideen til leasingavtalene går ut om halvannet år.",
            ),
        ],
    },
    # ------------------------------------------------------------ 29 (duplicate of 6)
    {
        "key": "sso_dup",
        "by": "jorunn.hovland",
        "days": 240,
        "units": ["sykehjem"],
        "title": "Slippe å logge inn i fem systemer hver gang vakta starter",
        "problem": (
            "Hver vakt starter med innlogging i fagsystemet, e-post, turnus, medisinsystemet "
            "og intranett, med ulike passord. Det tar ti minutter."
        ),
        "proposal": "Logge inn én gang og komme inn i alt.",
        "benefit": "Mer tid til beboerne ved vaktstart.",
        "supports": 18,
        "comments": [
            ("fatima.ali", 1, "Ti minutter er i underkant!"),
        ],
        "answers": [
            (
                12,
                "duplicate",
                "Takk! Dette er samme idé som «Én pålogging til alle fagsystemer (single "
                "sign-on)». Den er parkert til fagsystemene er oppgradert. Støtten din er "
                "notert, og vi har lagt til sykehjemmenes behov i vurderingen.",
            ),
        ],
        "duplicate_of": "sso",
    },
    # ------------------------------------------------------------ 30
    {
        "key": "renhold_qr",
        "by": "anita.sunde",
        "days": 230,
        "units": ["eiendom"],
        "title": "QR-kode på toaletter og møterom for å melde behov for renhold",
        "problem": "Renholderne går faste runder, også i rom som ikke er brukt.",
        "proposal": "En QR-kode i hvert rom der brukerne melder behov for renhold.",
        "benefit": "Renhold der det trengs, og mindre der det ikke trengs.",
        "supports": 4,
        "reviewers": ["leder.eiendom"],
        "ratings": (3, 3),
        "answers": [
            (18, UR, "Takk! Eiendomssjefen vurderer ideen."),
        ],
    },
    # ------------------------------------------------------------ 31
    {
        "key": "avfallssensor",
        "by": "espen.sletten",
        "days": 220,
        "units": ["vei_park"],
        "title": "Sensorer som varsler når søppelkassene i parkene er fulle",
        "problem": "Vi tømmer søppelkassene på faste dager, enten de er fulle eller tomme.",
        "proposal": "Sensorer i søppelkassene som sier fra når de er fulle.",
        "benefit": "Færre unødvendige turer og mindre søppel på bakken.",
        "supports": 2,
        "ratings": (2, 2, 2, 1, 3),
        "answers": [
            (15, UR, "Takk! Vi ser på kostnadene."),
            (
                60,
                "rejected",
                "Vi har 140 søppelkasser i parkene, og sensorene koster mer enn vi sparer. "
                "Vi går ikke videre nå, men ser på det igjen hvis prisene faller.",
            ),
        ],
    },
    # ------------------------------------------------------------ 32
    {
        "key": "pc_bytte",
        "by": "henrik.dale",
        "days": 210,
        "units": ["skoler", "it_drift"],
        "title": "Bytteordning for ødelagte elev-PC-er på hver skole",
        "problem": (
            "Når en elev-PC går i stykker, sendes den til IT og eleven står uten maskin i to "
            "til tre uker."
        ),
        "proposal": "Et lite lager av reservemaskiner på hver skole som byttes med en gang.",
        "benefit": "Elevene mister ikke undervisning.",
        "supports": 7,
        "comments": [
            ("camilla.strom", 1, "Det skjer i klassen min nesten hver måned."),
        ],
        "ratings": (3, 3, 3, 3, 4),
        "answers": [
            (9, UR, "Takk! IT-drift ser på det."),
            (
                60,
                "rejected",
                "IT-drift innfører reservemaskiner på alle skolene fra skolestart, innenfor "
                "dagens budsjett. Det blir derfor ikke et tiltak i porteføljen.",
            ),
        ],
    },
    # ------------------------------------------------------------ 33 (accepted, the employee's)
    {
        "key": "vikarpool",
        "by": "employee",
        "days": 200,
        "units": ["sykehjem", "hjemmetjenesten"],
        "title": "Felles vikarpool og digital vaktbørs for sykehjemmene",
        "problem": (
            "Hvert sykehjem ringer rundt til sine egne vikarer når noen er syke. En "
            "avdelingsleder kan bruke en time på telefonen før en vakt er dekket, og vi leier "
            "inn sykepleiere fra byrå for over 6 millioner kroner i året."
        ),
        "proposal": (
            "En felles vikarpool for alle sykehjemmene og hjemmetjenesten, med en app der "
            "ledige vakter legges ut og vikarer og deltidsansatte tar dem med ett trykk."
        ),
        "benefit": (
            "Vakter dekkes raskere, deltidsansatte får flere timer hvis de ønsker det, og vi "
            "bruker mindre på vikarbyrå."
        ),
        "supports": 38,
        "follow": ["leder.personal", "leder.hjemmetjenesten"],
        "comments": [
            (
                "jorunn.hovland",
                1,
                "Dette er det viktigste forslaget her! Jeg brukte to timer på telefonen sist "
                "søndag.",
                [("employee", 2, "Takk! Da var det flere enn meg som har opplevd det.")],
            ),
            (
                "hilde.opsahl",
                5,
                "Husk at vaktene må gå rett til lønn. Da slipper vi papirtimelistene også.",
            ),
            (
                "marte.solheim",
                9,
                "Vi må drøfte dette med de tillitsvalgte tidlig, særlig hvordan vaktene fordeles.",
                [("leder.personal", 11, "Enig. Jeg tar det opp i neste drøftingsmøte.")],
            ),
            (
                "fatima.ali",
                30,
                "Jeg jobber 60 prosent og vil gjerne ha flere vakter. Dette ville gjort det "
                "mye enklere.",
            ),
            (
                "ahmed.hassan",
                60,
                "Flott at den er godkjent! Blir hjemmetjenesten med fra start?",
                [
                    (
                        "contributor",
                        62,
                        "Ja, hjemmetjenesten er med i konseptutredningen. Vi tar kontakt for "
                        "intervjuer i høst.",
                    )
                ],
            ),
        ],
        "reviewers": ["leder.sykehjem", "leder.personal"],
        "ratings": (5, 4, 4, 4, 3),
        "answers": [
            (
                10,
                UR,
                "Takk for ideen! Den har fått stor støtte på kort tid. Virksomhetsleder for "
                "sykehjem og personalsjefen vurderer den.",
            ),
            (
                55,
                "accepted",
                "Porteføljerådet har tatt ideen inn i porteføljen. Den passer med målet om "
                "frigjort tid i helse og omsorg og flere hele stillinger. Følg framdriften her "
                "på idésiden.",
            ),
        ],
        "accept": {
            "phase": "idea",
            "owner": "leder.sykehjem",
            "manager": "contributor",
            "unit": "sykehjem",
            "objectives": ["omsorgstid"],
            "gates": [(150, 0)],
        },
    },
    # ------------------------------------------------------------ 34 (duplicate of 3)
    {
        "key": "veifeil_app",
        "by": "espen.sletten",
        "days": 198,
        "units": ["vei_park"],
        "title": "App der innbyggerne kan melde fra om feil på vei og gatelys",
        "problem": (
            "Folk ringer og sender e-post om hull i asfalten og lys som ikke virker, og vi "
            "vet ikke hvor det er."
        ),
        "proposal": "En app der man tar bilde og sender posisjonen.",
        "benefit": "Vi finner feilene raskere.",
        "supports": 3,
        "answers": [
            (
                6,
                "duplicate",
                "Takk! Dette er samme idé som «Digitalt skjema for å melde hull i veien, med "
                "bilde og kart», som er parkert til nytt vedlikeholdssystem er på plass.",
            ),
        ],
        "duplicate_of": "hull_i_veien",
    },
    # ------------------------------------------------------------ 35
    {
        "key": "gatelys",
        "by": "leder.vei",
        "days": 190,
        "units": ["vei_park"],
        "title": "Styre gatelysene etter trafikk om natten",
        "problem": "Gatelysene står på full styrke hele natten, også der ingen ferdes.",
        "proposal": "Dimme gatelysene mellom kl. 00 og 05 og skru dem opp ved bevegelse.",
        "benefit": "Lavere strømregning og mindre lysforurensning.",
        "supports": 3,
        "ratings": (3, 2, 4, 3, 4),
        "answers": [
            (10, UR, "Takk! Vi ser på det sammen med LED-utskiftingen."),
            (
                40,
                "rejected",
                "Dimming er allerede med i planen for utskifting til LED, som vedtas i "
                "budsjettet. Det trengs ikke et eget tiltak.",
            ),
        ],
    },
    # ------------------------------------------------------------ 36
    {
        "key": "kompetansebors",
        "by": "marte.solheim",
        "days": 180,
        "units": ["personal"],
        "title": "Intern kompetansebørs der ansatte holder kurs for hverandre",
        "problem": (
            "Vi kjøper dyre kurs eksternt, mens mange ansatte kan mye som kollegaer i andre "
            "enheter kunne hatt nytte av."
        ),
        "proposal": "En side på intranettet der ansatte tilbyr og melder seg på korte kurs.",
        "benefit": "Mer kompetansedeling og lavere kurskostnader.",
        "supports": 10,
        "comments": [
            (
                "aleksander.krogh",
                3,
                "Jeg holder gjerne kurs i Excel og Teams.",
                [("marte.solheim", 4, "Supert, du blir første kursholder!")],
            ),
        ],
        "ratings": (3, 4, 2, 2, 5),
        "answers": [
            (40, UR, "Takk! Vi ser på hvordan det kan gjøres på intranettet."),
            (
                110,
                "parked",
                "Intranettet skal byttes neste år, og det nye har en modul for dette. Vi "
                "parkerer ideen til da. Personal starter likevel med en liste over interne "
                "kursholdere.",
            ),
        ],
    },
    # ------------------------------------------------------------ 37
    {
        "key": "utstyrsbank",
        "by": "tobias.winther",
        "days": 175,
        "units": ["kultur"],
        "title": "Utstyrsbank med gratis utlån av sports- og friluftsutstyr",
        "problem": (
            "Mange barn kan ikke være med på skiturer og aktiviteter fordi familien ikke har "
            "råd til utstyr."
        ),
        "proposal": "En utstyrsbank på biblioteket der alle kan låne ski, telt og sykler gratis.",
        "benefit": "Flere barn deltar, og utstyr blir brukt i stedet for å ligge i kjellere.",
        "supports": 19,
        "comments": [
            (
                "kristian.moen",
                2,
                "Mange av familiene vi følger opp i NAV ville hatt stor glede av dette.",
            ),
            (
                "ragnhild.aasen",
                4,
                "Biblioteket har plass i kjelleren og kan ta utlånet i systemet vårt.",
            ),
        ],
        "ratings": (3, 5, 2, 2, 4),
        "answers": [
            (30, UR, "Takk! Vi ser på mulige tilskudd."),
            (
                90,
                "parked",
                "En utstyrsbank trenger en fast ansatt og lokaler. Vi søker om tilskudd fra "
                "Friluftsrådet og parkerer ideen til vi har svar på søknaden.",
            ),
        ],
    },
    # ------------------------------------------------------------ 38 (duplicate of 7)
    {
        "key": "slam_dup",
        "by": "maria.santos",
        "days": 170,
        "units": ["vann_avlop"],
        "title": "Varsle på SMS dagen før septiktanken skal tømmes",
        "problem": "Folk vet ikke når slambilen kommer, og kummen er ikke tilgjengelig.",
        "proposal": "SMS dagen før tømming.",
        "benefit": "Færre bomturer og henvendelser.",
        "supports": 2,
        "answers": [
            (
                8,
                "duplicate",
                "Takk! Dette er samme idé som «SMS-varsel til innbyggerne før slamtømming». "
                "Vann og avløp tar i bruk SMS-varsling fra neste sesong.",
            ),
        ],
        "duplicate_of": "slamtomming",
    },
    # ------------------------------------------------------------ 39
    {
        "key": "helsestasjon_time",
        "by": "sara.holm",
        "days": 160,
        "units": ["helsestasjon"],
        "title": "Foreldre bestiller og flytter timer på helsestasjonen selv",
        "problem": (
            "Foreldre må ringe i telefontiden for å bestille eller flytte time. Telefonen er "
            "opptatt, og mange timer blir ikke brukt fordi de ikke er avbestilt."
        ),
        "proposal": "Timebestilling på nett med BankID og påminnelse på SMS.",
        "benefit": "Færre telefoner, færre uteblitte timer og mer tid til konsultasjoner.",
        "supports": 8,
        "comments": [
            ("ingvild.eng", 2, "Jordmortjenesten vil gjerne være med på dette."),
            ("linda.pedersen", 10, "Som småbarnsmor: ja takk!"),
        ],
        "reviewers": ["contributor", "leder.helsestasjon"],
        "ratings": (4, 4, 3, 3, 4),
        "answers": [
            (
                30,
                UR,
                "Takk! Vi undersøker om journalsystemet på helsestasjonen har timebestilling "
                "som kan slås på.",
            ),
        ],
    },
    # ------------------------------------------------------------ 40
    {
        "key": "teams_sentralbord",
        "by": "aleksander.krogh",
        "days": 150,
        "units": ["servicetorget", "it"],
        "title": "Sentralbord i Teams, så vi kan svare fra hvor som helst",
        "problem": (
            "Sentralbordet må betjenes fra servicetorget. Ved sykdom står telefonen ubetjent."
        ),
        "proposal": "Flytte sentralbordet til Teams, slik at flere kan svare fra egen PC.",
        "benefit": "Telefonen blir alltid besvart, og sårbarheten blir mindre.",
        "supports": 4,
        "ratings": (3, 3, 3, 4, 3),
        "answers": [
            (14, UR, "Takk! Vi ser det sammen med telefoniavtalen."),
            (
                60,
                "parked",
                "Vi parkerer ideen sammen med «Ring-tilbake-funksjon i telefonkøen». Begge tas "
                "med som krav når ny telefoniløsning anskaffes neste år.",
            ),
        ],
    },
    # ------------------------------------------------------------ 41
    {
        "key": "barnehageplasser",
        "by": "linda.pedersen",
        "days": 148,
        "units": ["barnehager"],
        "title": "Vis ledige barnehageplasser gjennom året",
        "problem": (
            "Foreldre som flytter hit midt i året, vet ikke om det er ledige plasser, og "
            "ringer alle barnehagene."
        ),
        "proposal": "En oversikt på nettsidene over ledige plasser, oppdatert fra opptakssystemet.",
        "benefit": "Enklere for foreldre og færre telefoner til barnehagene.",
        "supports": 8,
        "reviewers": ["leder.barnehage"],
        "ratings": (3, 4, 2, 3, 4),
        "answers": [
            (20, UR, "Takk! Barnehagesjefen vurderer ideen."),
        ],
    },
    # ------------------------------------------------------------ 42
    {
        "key": "onboarding",
        "by": "marte.solheim",
        "days": 140,
        "units": ["personal", "it_drift"],
        "title": "Digital sjekkliste for nyansatte den første uka",
        "problem": (
            "Nyansatte mangler ofte PC, tilganger og adgangskort den første dagen, fordi "
            "bestillingene går på e-post mellom leder, IT og personal."
        ),
        "proposal": (
            "En sjekkliste som startes når kontrakten signeres, og sender oppgaver til IT og leder."
        ),
        "benefit": "Nyansatte er i arbeid fra første dag.",
        "supports": 10,
        "comments": [
            (
                "jonas.vold",
                2,
                "Vi får ofte beskjed om nyansatte dagen før. En fast rutine ville hjulpet oss.",
            ),
            ("sindre.hagen", 8, "Jeg ventet i tre uker på tilgang til fagsystemet da jeg begynte."),
        ],
        "answers": [
            (12, UR, "Takk! Vi ser på hva HR-systemet har av slike funksjoner."),
        ],
    },
    # ------------------------------------------------------------ 43 (duplicate of 9)
    {
        "key": "ring_dup",
        "by": "gunnar.rise",
        "days": 130,
        "units": ["servicetorget"],
        "title": "Tilbakeringing i stedet for å vente i kø på sentralbordet",
        "problem": "Innbyggerne venter lenge i telefonkø og legger på.",
        "proposal": "Tilby å ringe innbyggeren opp igjen.",
        "benefit": "Færre tapte samtaler.",
        "supports": 4,
        "answers": [
            (
                9,
                "duplicate",
                "Takk! Dette er samme idé som «Ring-tilbake-funksjon i telefonkøen», som er "
                "parkert til ny telefoniløsning anskaffes.",
            ),
        ],
        "duplicate_of": "ring_tilbake",
    },
    # ------------------------------------------------------------ 44 (not answered for long)
    {
        "key": "nav_timebok",
        "by": "kristian.moen",
        "days": 120,
        "units": ["nav"],
        "title": "Digital timebok for samtaler i NAV",
        "problem": (
            "Veilederne booker samtaler i hver sin kalender, og brukerne får time på SMS fra "
            "private telefoner."
        ),
        "proposal": "En felles timebok der brukerne får bekreftelse og påminnelse automatisk.",
        "benefit": "Færre som ikke møter, og bedre oversikt for veilederne.",
        "supports": 3,
    },
    # ------------------------------------------------------------ 45
    {
        "key": "byggesak_status",
        "by": "magnus.berge",
        "days": 110,
        "units": ["byggesak_plan"],
        "title": "Innbyggeren ser status på byggesaken sin på nett",
        "problem": "Søkere ringer for å høre hvor langt saken har kommet.",
        "proposal": "Vise status og neste steg i saken på Min side.",
        "benefit": "Færre telefoner og mer forutsigbarhet for søkerne.",
        "supports": 5,
        "reviewers": ["leder.byggesak"],
        "ratings": (4, 4, 3, 3, 3),
        "answers": [
            (16, UR, "Takk! Vi ser på hva sak-/arkivløsningen kan vise."),
        ],
    },
    # ------------------------------------------------------------ 46 (accepted into concept)
    {
        "key": "lekkasje",
        "by": "leder.vann",
        "days": 100,
        "units": ["vann_avlop"],
        "title": "Sensorer for lekkasjesøk i vannledningsnettet",
        "problem": (
            "Rundt 35 prosent av vannet vi produserer, lekker ut før det når forbrukerne. "
            "Lekkasjer finnes i dag ved at folk melder fra eller ved manuelt lyttearbeid om "
            "natten."
        ),
        "proposal": (
            "Montere lyttesensorer på kumlokk og ventiler i de verste sonene, som varsler om "
            "lekkasjer automatisk."
        ),
        "benefit": "Mindre vanntap, lavere energibruk i vannverket og færre vannbrudd.",
        "supports": 7,
        "comments": [
            (
                "knut.sande",
                1,
                "Nattlyttingen er tungt arbeid. Dette ville gjort jobben mye enklere.",
                [("leder.vann", 2, "Og vi finner lekkasjene før de blir til brudd.")],
            ),
        ],
        "reviewers": ["contributor"],
        "ratings": (4, 3, 5, 4, 4),
        "answers": [
            (7, UR, "Takk! Porteføljekontoret har lest ideen og behandler den raskt."),
            (
                22,
                "accepted",
                "Porteføljerådet har tatt ideen inn som et konsept, fordi lekkasjetapet er "
                "høyt og gevinsten lett å måle. Konseptfasen starter med en pilot i én sone.",
            ),
        ],
        "accept": {
            "phase": "concept",
            "owner": "leder.vann",
            "manager": "contributor",
            "objectives": ["klima"],
        },
    },
    # ------------------------------------------------------------ 47
    {
        "key": "parorende",
        "by": "bjorn.aas",
        "days": 95,
        "units": ["sykehjem"],
        "title": "Digital besøksbooking og beskjeder til pårørende på sykehjemmet",
        "problem": (
            "Pårørende ringer avdelingen mange ganger om dagen for å høre hvordan det går og "
            "avtale besøk. Telefonen forstyrrer stell og måltider."
        ),
        "proposal": "En app der pårørende får beskjeder fra avdelingen og kan booke besøk.",
        "benefit": "Færre avbrytelser for personalet og tryggere pårørende.",
        "supports": 5,
        "comments": [
            ("employee", 3, "Telefonen ringer ofte midt i middagen. Støtter!"),
        ],
        "reviewers": ["contributor"],
        "ratings": (3, 4, 2, 2, 4),
        "answers": [
            (21, UR, "Takk! Prosjektleder Siri Nilsen ser på løsninger andre kommuner bruker."),
        ],
    },
    # ------------------------------------------------------------ 48
    {
        "key": "vannmaler",
        "by": "knut.sande",
        "days": 90,
        "units": ["vann_avlop", "regnskap"],
        "title": "Fjernavlesning av vannmålere",
        "problem": (
            "Innbyggerne leser av vannmåleren selv én gang i året. Mange glemmer det, og vi "
            "må stipulere forbruket og rette fakturaer etterpå."
        ),
        "proposal": "Bytte til vannmålere som leses av automatisk.",
        "benefit": (
            "Riktige fakturaer, færre klager og raskere oppdagelse av lekkasjer hos abonnentene."
        ),
        "supports": 6,
        "reviewers": ["leder.vann"],
        "ratings": (4, 3, 5, 4, 3),
        "answers": [
            (25, UR, "Takk! Leder for vann og avløp ser på ideen sammen med lekkasjeprosjektet."),
        ],
    },
    # ------------------------------------------------------------ 49
    {
        "key": "medisinskanning",
        "by": "fatima.ali",
        "days": 85,
        "units": ["sykehjem"],
        "title": "Strekkodeskanning ved utdeling av medisiner på sykehjemmet",
        "problem": (
            "Medisiner kontrolleres manuelt mot medisinkortet ved utdeling. Vi hadde 42 "
            "avvik om feil medisin eller feil tid i fjor."
        ),
        "proposal": "Skanne strekkoden på medisinposen og beboerens armbånd før utdeling.",
        "benefit": "Færre feil i legemiddelhåndteringen og tryggere beboere.",
        "supports": 7,
        "comments": [
            (
                "jorunn.hovland",
                2,
                "Pasientsikkerhet bør ha høy prioritet. Dette er et godt forslag.",
            ),
        ],
        "reviewers": ["leder.sykehjem"],
        "ratings": (5, 5, 3, 5, 3),
        "answers": [
            (14, UR, "Takk! Virksomhetsleder for sykehjem vurderer ideen."),
        ],
    },
    # ------------------------------------------------------------ 50
    {
        "key": "kulturskole",
        "by": "tobias.winther",
        "days": 80,
        "units": ["kultur"],
        "title": "Digital venteliste og påmelding til kulturskolen",
        "problem": (
            "Ventelisten til kulturskolen føres i et regneark, og foreldre vet ikke hvor de står."
        ),
        "proposal": "Påmelding og venteliste på nett, der foreldrene ser sin plass i køen.",
        "benefit": "Mindre administrasjon og færre spørsmål fra foreldre.",
        "supports": 4,
        "answers": [
            (22, UR, "Takk! Vi ser på hva systemet til kulturskolen kan."),
        ],
    },
    # ------------------------------------------------------------ 51
    {
        "key": "alarm_app",
        "by": "vegard.holt",
        "days": 75,
        "units": ["hms", "hjemmetjenesten", "nav"],
        "title": "Alarmknapp på mobilen for ansatte som jobber alene",
        "problem": (
            "Ansatte i hjemmetjenesten og NAV er alene hjemme hos brukere. Det har vært flere "
            "episoder med trusler, og de ansatte har ingen enkel måte å tilkalle hjelp på."
        ),
        "proposal": "En alarm-app som sender posisjon til kollegaer og vakt når man trykker.",
        "benefit": "Tryggere ansatte og raskere hjelp når noe skjer.",
        "supports": 18,
        "follow": ["leder.hjemmetjenesten"],
        "comments": [
            (
                "kristian.moen",
                1,
                "Vi hadde en ubehagelig episode i forrige måned. Dette haster.",
                [("vegard.holt", 1, "Takk for at du sier fra. Husk å melde avvik også.")],
            ),
            ("tone.rasmussen", 4, "Støtter dette sterkt."),
        ],
        "reviewers": ["leder.hjemmetjenesten", "leder.personal"],
        "ratings": (4, 5, 2, 5, 4),
        "answers": [
            (
                5,
                UR,
                "Takk! Dette gjelder de ansattes sikkerhet, og vi behandler ideen med en gang. "
                "Leder for hjemmetjenesten og personalsjefen vurderer den.",
            ),
        ],
    },
    # ------------------------------------------------------------ 52
    {
        "key": "hjelpemidler",
        "by": "employee",
        "days": 70,
        "units": ["sykehjem", "tildeling"],
        "title": "Oversikt over hjelpemidler på sykehjemmet",
        "problem": (
            "Vi vet ikke hvilke rullestoler, senger og løftere som er ledige, og bestiller nye "
            "fra hjelpemiddelsentralen selv om det står ubrukte på en annen avdeling."
        ),
        "proposal": "Merke hjelpemidlene og registrere hvor de er i et enkelt system.",
        "benefit": "Færre bestillinger og raskere hjelpemidler til beboerne.",
        "supports": 3,
        "comments": [
            ("bjorn.aas", 4, "Vi lette etter en løfter i en hel formiddag forrige uke."),
        ],
        "answers": [
            (12, UR, "Takk! Vi ser på om det kan løses i hjelpemiddelsystemet vi har."),
        ],
    },
    # ------------------------------------------------------------ 53
    {
        "key": "matsvinn",
        "by": "jorunn.hovland",
        "days": 65,
        "units": ["sykehjem"],
        "title": "Mindre matsvinn med bestilling per beboer",
        "problem": "Kjøkkenet lager mat etter antall plasser, og mye kastes.",
        "proposal": "Bestille porsjoner per beboer hver dag på nettbrett.",
        "benefit": "Mindre matsvinn og lavere matkostnader.",
        "supports": 4,
        "ratings": (2, 3, 3, 2, 4),
        "answers": [
            (20, UR, "Takk! Vi ser på det sammen med kjøkkenet."),
            (
                50,
                "parked",
                "Sykehjemskjøkkenet skal bygges om neste år og får da nytt bestillingssystem. Vi "
                "parkerer ideen til ombyggingen starter.",
            ),
        ],
    },
    # ------------------------------------------------------------ 54
    {
        "key": "tolk_video",
        "by": "camilla.strom",
        "days": 60,
        "units": ["skoler", "barnehager"],
        "title": "Tolk på foreldremøter via video",
        "problem": "Det er vanskelig å få tak i tolk som kan møte fysisk på foreldremøter.",
        "proposal": "Bruke videotolk på foreldresamtaler og foreldremøter.",
        "benefit": "Alle foreldre forstår hva som blir sagt om barnet deres.",
        "supports": 4,
        "comments": [
            ("yusuf.demir", 2, "I barnehagen trenger vi dette nesten hver uke."),
        ],
    },
    # ------------------------------------------------------------ 55
    {
        "key": "nav_dropin",
        "by": "kristian.moen",
        "days": 55,
        "units": ["nav", "bibliotek"],
        "title": "Drop-in for unge fra NAV på biblioteket",
        "problem": "Mange unge synes det er vanskelig å komme til NAV-kontoret.",
        "proposal": "En veileder fra NAV sitter på biblioteket én ettermiddag i uka.",
        "benefit": "Flere unge får hjelp tidlig.",
        "supports": 4,
        "comments": [
            ("ragnhild.aasen", 1, "Biblioteket stiller gjerne med et rom!"),
        ],
    },
    # ------------------------------------------------------------ 56
    {
        "key": "kjorelister",
        "by": "tone.rasmussen",
        "days": 50,
        "units": ["hjemmetjenesten"],
        "title": "Bedre ruteplanlegging i hjemmetjenesten",
        "problem": (
            "Kjørelistene lages for hånd hver morgen. Vi kjører på kryss og tvers, og "
            "planleggingen tar en time."
        ),
        "proposal": "Bruke et verktøy som lager kjørelister automatisk.",
        "benefit": "Mindre kjøring og mer tid hos brukerne.",
        "supports": 9,
        "comments": [
            ("mari.johansen", 1, "Planleggingen tar ofte mer enn en time på mandager."),
        ],
        "ratings": (3, 3, 4, 2, 4),
        "answers": [
            (8, UR, "Takk! Vi sjekker hva fagsystemet har av ruteplanlegging."),
            (
                35,
                "rejected",
                "Fagsystemet i hjemmetjenesten har en modul for ruteoptimalisering som er "
                "inkludert i lisensen, men som ikke er tatt i bruk. Vi lager ikke et eget "
                "tiltak; i stedet får soneledere opplæring i modulen neste måned.",
            ),
        ],
    },
    # ------------------------------------------------------------ 57
    {
        "key": "jordmor_chat",
        "by": "ingvild.eng",
        "days": 45,
        "units": ["helsestasjon"],
        "title": "Chat med jordmor for enkle spørsmål",
        "problem": "Gravide ringer med små spørsmål, og telefonen er ofte opptatt.",
        "proposal": "En sikker chat der gravide kan stille spørsmål og få svar samme dag.",
        "benefit": "Tryggere gravide og færre telefoner.",
        "supports": 3,
    },
    # ------------------------------------------------------------ 58
    {
        "key": "forhandskonferanse",
        "by": "elin.tveit",
        "days": 40,
        "units": ["byggesak_plan"],
        "title": "Forhåndskonferanse i byggesaker på video",
        "problem": "Søkere og arkitekter reiser langt for korte forhåndskonferanser.",
        "proposal": "Tilby forhåndskonferanser på video som et fast alternativ.",
        "benefit": "Mindre reising og raskere avtaler.",
        "supports": 3,
    },
    # ------------------------------------------------------------ 59
    {
        "key": "medarbeidersamtale",
        "by": "leder.personal",
        "days": 35,
        "units": ["personal"],
        "title": "Medarbeidersamtaler i HR-systemet i stedet for i Word",
        "problem": "Referatene fra medarbeidersamtaler ligger i Word-filer hos hver leder.",
        "proposal": "Bruke modulen for medarbeidersamtaler i HR-systemet.",
        "benefit": "Bedre oppfølging og samlet oversikt over kompetansebehov.",
        "supports": 2,
    },
    # ------------------------------------------------------------ 60 (hidden by a moderator)
    {
        "key": "skjult",
        "by": "espen.sletten",
        "days": 28,
        "units": ["eiendom"],
        "title": "Vaktmesteren på Fjordby skole gjør ikke jobben sin",
        "problem": (
            "Vaktmesteren på Fjordby skole svarer aldri på telefonen og tar ikke feil vi "
            "melder. Han burde byttes ut."
        ),
        "proposal": "Flytte ham til en annen jobb.",
        "supports": 1,
        "moderation": {
            "report": (
                "anita.sunde",
                1,
                "Dette er en personalsak om en navngitt kollega og hører ikke hjemme her.",
            ),
            "hide": (
                2,
                "Ideen handler om en enkeltperson og er en personalsak. Ta det opp med "
                "din leder, verneombudet eller en tillitsvalgt. Skriv gjerne en ny idé "
                "om hvordan feilmeldinger til vaktmestertjenesten kan følges opp "
                "bedre.",
            ),
        },
    },
    # ------------------------------------------------------------ 61
    {
        "key": "bilag",
        "by": "silje.kvam",
        "days": 25,
        "units": ["regnskap"],
        "title": "Slutte å skrive ut og skanne bilag i regnskap",
        "problem": "Vi skriver fortsatt ut bilag for å signere dem, og skanner dem inn igjen.",
        "proposal": "Digital attestasjon og anvisning av alle bilag i økonomisystemet.",
        "benefit": "Mindre papir og raskere bokføring.",
        "supports": 4,
    },
    # ------------------------------------------------------------ 62
    {
        "key": "pdf_skjema",
        "by": "aleksander.krogh",
        "days": 20,
        "units": ["digitalisering", "servicetorget"],
        "title": "Fjerne PDF-skjemaene fra kommunens nettsider",
        "problem": (
            "Nettsidene har over 80 PDF-skjemaer som må skrives ut, fylles ut for hånd og "
            "skannes. Mange er utdaterte."
        ),
        "proposal": "Erstatte de mest brukte med digitale skjemaer og slette resten.",
        "benefit": "Enklere for innbyggerne og mindre manuell registrering.",
        "supports": 5,
        "comments": [
            (
                "maria.santos",
                1,
                "Vi kan lage en liste over de skjemaene folk oftest spør om hjelp til.",
                [("aleksander.krogh", 2, "Det ville vært et perfekt utgangspunkt. Takk!")],
            ),
            # Reported by a colleague; the portfolio office has not looked at it yet.
            (
                "henrik.dale",
                5,
                "Typisk digitaliseringsenheten å komme med enda et prosjekt mens vi på skolene "
                "fortsatt venter på PC-ene vi ble lovet i fjor.",
            ),
        ],
        "moderation": {
            "comment_report": (
                1,
                "aleksander.krogh",
                6,
                "Kommentaren er en sleivete kritikk av en hel enhet og handler ikke om ideen.",
            ),
        },
    },
    # ------------------------------------------------------------ 63
    {
        "key": "nettbrett",
        "by": "employee",
        "days": 14,
        "units": ["sykehjem"],
        "title": "Nettbrett til beboerne for videosamtaler med familien",
        "problem": (
            "Beboere med familie langt unna får sjelden besøk. I dag låner vi dem våre egne "
            "telefoner for å ringe."
        ),
        "proposal": "Noen enkle nettbrett på hver avdeling, satt opp for videosamtaler.",
        "benefit": "Mindre ensomhet hos beboerne og tryggere pårørende.",
        "supports": 4,
        "comments": [
            ("fatima.ali", 1, "Gjestenettet er på plass nå, så det burde være enkelt å få til."),
            (
                "bjorn.aas",
                2,
                "Jeg synes ideen er god, men sykepleierne har nok å gjøre om ikke vi skal være "
                "teknisk support også. Dette er en typisk idé fra noen som ikke står i det.",
                [
                    (
                        "employee",
                        3,
                        "Jeg står i det hver dag. Det handler om noen få minutter per samtale.",
                    )
                ],
            ),
        ],
        "moderation": {
            "comment_report": (1, "employee", 2, "Kommentaren går på person."),
            "hide_comment": (
                1,
                4,
                "Kommentaren går på person i stedet for på ideen. Du er velkommen "
                "til å skrive innvendingene dine på nytt, uten å si noe om "
                "forslagsstilleren.",
            ),
        },
    },
    # ------------------------------------------------------------ 64
    {
        "key": "broyting_sms",
        "by": "tone.rasmussen",
        "days": 12,
        "units": ["vei_park", "hjemmetjenesten"],
        "title": "Varsel til hjemmetjenesten når veiene er brøytet",
        "problem": (
            "Om vinteren kommer vi ikke fram til brukere på gårdsveier som ikke er brøytet, "
            "og vi vet ikke når brøytebilen har vært der."
        ),
        "proposal": (
            "Entreprenørene gir beskjed når rodene er brøytet, og hjemmetjenesten får varsel."
        ),
        "benefit": "Bedre planlegging og tryggere kjøring om vinteren.",
        "supports": 5,
    },
    # ------------------------------------------------------------ 65
    {
        "key": "lekeplass",
        "by": "yusuf.demir",
        "days": 8,
        "units": ["barnehager", "vei_park"],
        "title": "Felles digital sjekkliste for tilsyn av lekeplassene",
        "problem": "Tilsyn med lekeapparatene føres på papir i hver barnehage.",
        "proposal": "En felles digital sjekkliste med bilde av avvik.",
        "benefit": "Sikrere lekeplasser og dokumentasjon ved kontroll.",
        "supports": 2,
    },
    # ------------------------------------------------------------ 66 (duplicate of 20)
    {
        "key": "sykkel_dup",
        "by": "sindre.hagen",
        "days": 5,
        "units": ["hjemmetjenesten"],
        "title": "Sykle i stedet for å kjøre bil på korte besøk i sentrum",
        "problem": "Vi bruker mer tid på å parkere enn på å kjøre mellom brukerne i sentrum.",
        "proposal": "Elsykler til de korte turene.",
        "benefit": "Spart tid og bedre helse.",
        "answers": [
            (
                3,
                "duplicate",
                "Takk! Dette er samme idé som «Elsykler til hjemmetjenesten i sentrum», som "
                "vurderes når bilparken fornyes.",
            ),
        ],
        "duplicate_of": "elsykkel",
    },
    # ------------------------------------------------------------ 67
    {
        "key": "vaktbytte",
        "by": "bjorn.aas",
        "days": 2,
        "units": ["sykehjem"],
        "title": "Bytte vakter med kollegaer i en app",
        "problem": "Vaktbytter avtales på SMS og må godkjennes av leder på papir.",
        "proposal": "Bytte vakter i en app der lederen godkjenner med ett trykk.",
        "benefit": "Mindre administrasjon og færre feil i turnusen.",
        "supports": 1,
    },
]

# ---------------------------------------------------------------------------- Åsdal

ASDAL_EMPLOYEES = [
    ("siv.hoel", "pleie_omsorg", "Siv Hoel", "Sykepleier"),
    ("arne.bratt", "vann_vei", "Arne Bratt", "Driftsoperatør"),
    ("mette.kvarme", "skoler_barnehager", "Mette Kvarme", "Lærer"),
    ("jens.tangvald", "plan_byggesak", "Jens Tangvald", "Byggesaksbehandler"),
    ("liv.aasheim", "okonomi_hr", "Liv Åsheim", "Lønnsmedarbeider"),
    ("kim.andersen", "it", "Kim Andersen", "IT-konsulent"),
]
ASDAL_PERSONA_UNIT = ("pleie_omsorg", "Helsefagarbeider")

ASDAL_IDEAS = [
    {
        "key": "medisinkurve",
        "by": "siv.hoel",
        "days": 320,
        "units": ["pleie_omsorg"],
        "title": "Elektronisk medisinkurve i hjemmesykepleien",
        "problem": (
            "Medisinkurvene i hjemmesykepleien er på papir i brukernes hjem. Endringer fra "
            "legen må føres inn for hånd flere steder."
        ),
        "proposal": (
            "Elektronisk kurve i fagsystemet, tilgjengelig på nettbrett hjemme hos brukeren."
        ),
        "benefit": "Færre feil i medisineringen og mindre dobbeltføring.",
        "supports": 4,
        "comments": [
            ("leder.pleie", 5, "Viktig for pasientsikkerheten. Vi må se på kostnadene."),
        ],
        "ratings": (3, 4, 3, 3, 3),
        "answers": [
            (15, UR, "Takk! Leder for pleie og omsorg ser på ideen."),
            (
                80,
                "parked",
                "Fagsystemet får elektronisk kurve i neste versjon. Vi parkerer ideen til den "
                "er klar, så slipper vi en egen løsning.",
            ),
        ],
    },
    {
        "key": "vannmaler",
        "by": "arne.bratt",
        "days": 260,
        "units": ["vann_vei"],
        "title": "Vannmålere som leses av automatisk",
        "problem": (
            "Abonnentene leser av vannmåleren selv, og mange glemmer det. Økonomi må "
            "stipulere og rette fakturaer."
        ),
        "proposal": "Bytte til vannmålere med fjernavlesning, koblet til den nye overvåkingen.",
        "benefit": "Riktige fakturaer og raskere oppdagelse av lekkasjer.",
        "supports": 5,
        "comments": [
            (
                "leder.okonomi",
                4,
                "Dette ville spart oss for mange rettinger av fakturaer.",
                [("arne.bratt", 5, "Og vi kan bruke samme nett som pumpestasjonene.")],
            ),
        ],
        "ratings": (4, 3, 4, 4, 4),
        "answers": [
            (12, UR, "Takk! Vi ser ideen sammen med fjernovervåkingen av pumpestasjonene."),
            (
                50,
                "accepted",
                "Ideen er tatt inn i porteføljen. Den kan bruke samme kommunikasjonsnett som "
                "fjernovervåkingen av pumpestasjonene.",
            ),
        ],
        "accept": {"phase": "idea", "owner": "leder.vann", "manager": "contributor"},
    },
    {
        "key": "nettbrett_skole",
        "by": "mette.kvarme",
        "days": 200,
        "units": ["skoler_barnehager"],
        "title": "Felles utlån av nettbrett mellom skolene",
        "problem": "Noen skoler har nettbrett som står ubrukt, mens andre mangler.",
        "proposal": "Et felles utlånsskap som skolene kan booke.",
        "benefit": "Bedre bruk av utstyret.",
        "supports": 3,
        "answers": [
            (
                30,
                "rejected",
                "Alle elever får egen PC fra høsten, så behovet for nettbrett faller bort. Vi "
                "går ikke videre med ideen.",
            ),
        ],
    },
    {
        "key": "onskevakter",
        "by": "employee",
        "days": 150,
        "units": ["pleie_omsorg"],
        "title": "Ønske vakter i en app",
        "problem": "Ønsker om vakter leveres på lapper, og mange ønsker blir borte.",
        "proposal": "En app der vi legger inn ønsker om vakter.",
        "benefit": "Mer fornøyde ansatte og mindre arbeid for leder.",
        "supports": 4,
        "answers": [
            (
                20,
                "rejected",
                "Takk! Dette er en del av initiativet «Ønsketurnus med digital "
                "turnusplanlegging», som er satt på vent til nytt turnussystem er valgt. Vi "
                "lager derfor ikke et eget tiltak.",
            ),
        ],
    },
    {
        "key": "nabovarsel",
        "by": "jens.tangvald",
        "days": 120,
        "units": ["plan_byggesak"],
        "title": "Digital nabovarsling i byggesaker",
        "problem": "Nabovarsler sendes rekommandert, det koster og tar tid.",
        "proposal": "Sende nabovarsel digitalt til Digipost og e-Boks.",
        "benefit": "Lavere portokostnader og raskere saker.",
        "supports": 2,
        "ratings": (3, 3, 3, 4, 4),
        "answers": [
            (10, UR, "Takk! Vi ser på det sammen med planregisteret."),
        ],
    },
    {
        "key": "timelister",
        "by": "liv.aasheim",
        "days": 60,
        "units": ["okonomi_hr"],
        "title": "Digitale timelister for ekstrahjelp",
        "problem": "Timelistene for ekstrahjelp kommer på papir og ofte for sent.",
        "proposal": "Registrere timer i lønnssystemets app.",
        "benefit": "Riktig lønn til rett tid.",
        "supports": 3,
    },
    {
        "key": "tofaktor",
        "by": "kim.andersen",
        "days": 40,
        "units": ["it"],
        "title": "Tofaktorpålogging for alle ansatte",
        "problem": (
            "Bare IT og økonomi har tofaktor. Et stjålet passord gir tilgang til e-post og filer."
        ),
        "proposal": "Tofaktor for alle ansatte, med app eller nøkkel.",
        "benefit": "Bedre sikkerhet, og vi oppfyller NSMs grunnprinsipper.",
        "supports": 4,
        "ratings": (5, 3, 2, 5, 4),
        "answers": [
            (4, UR, "Takk! Vi ser det sammen med det interkommunale IKT-samarbeidet."),
        ],
    },
    {
        "key": "kurve_dup",
        "by": "leder.pleie",
        "days": 20,
        "units": ["pleie_omsorg"],
        "title": "Digital medisinkurve hjemme hos brukerne",
        "problem": (
            "Papirkurvene hjemme hos brukerne blir ikke oppdatert når legen endrer medisinene."
        ),
        "proposal": "Kurven på nettbrett.",
        "benefit": "Tryggere medisinering.",
        "supports": 1,
        "answers": [
            (
                6,
                "duplicate",
                "Takk! Dette er samme idé som «Elektronisk medisinkurve i hjemmesykepleien», "
                "som venter på ny versjon av fagsystemet.",
            ),
        ],
        "duplicate_of": "medisinkurve",
    },
    {
        "key": "vannavstengning",
        "by": "arne.bratt",
        "days": 5,
        "units": ["vann_vei"],
        "title": "SMS-varsel ved vannavstengning",
        "problem": "Innbyggerne får ikke beskjed når vannet stenges for reparasjon.",
        "proposal": "Varsle på SMS til alle i området.",
        "benefit": "Færre telefoner og mer fornøyde innbyggere.",
        "supports": 1,
    },
]

"""The demo risk registers as data (loaded by demo/risks.py through the services).

A risk: ``at`` is ("initiative", number in data.FJORDBY_INITIATIVES / ASDAL_INITIATIVES,
from 1), ("programme", name in demo/registers.py) or ("organisation",); ``owner`` and the
other people are keys of the loader's people (roles, and the line managers of
demo/benefits.py); ``score`` is (probability, impact) before action and ``residual`` after
(absent: not assessed); ``review``: days from today to the next review (negative: passed;
None: none); ``reviewed``: reviewed today, next review in so many days; ``actions``:
(description, owner, due in days from today, status); ``escalate``: (level, reason, who);
``accept``: (who, decision); ``close``: (status, comment).
"""

HELSE = "Helse og velferd i hjemmet"
FORVALTNING = "Effektiv forvaltning"
SMART = "Smart og bærekraftig kommune"

# Fjordby is strict on information security, data protection and law, more lenient on
# money and schedule. Categories not listed keep the default (12).
FJORDBY_APPETITE = {"security": 8, "legal": 8, "reputation": 10, "people": 12, "change": 12,
                    "technology": 12, "supplier": 12, "strategic": 12, "delivery": 15,
                    "financial": 15}

FJORDBY = [
    # ------------------------------------------------ 1 Digitalt tilsyn i hjemmetjenesten
    {"title": "Sensorene gir mange falske alarmer om natten",
     "cause": "Sensorene er ikke justert inn for den enkelte brukeren, og bevegelser fra "
              "kjæledyr og pårørende utløser alarm.",
     "effect": "Nattpatruljen rykker ut uten grunn, tilliten til løsningen faller, og "
               "gevinsten «færre nattbesøk» kommer senere.",
     "category": "technology", "proximity": "imminent", "at": ("initiative", 1),
     "owner": "leder.hjemmetjenesten", "score": (4, 3), "residual": (3, 2),
     "strategy": "reduce", "review": -12,
     "actions": [
         ("Justere terskelverdiene for hver bruker etter to ukers innkjøring",
          "leder.hjemmetjenesten", -40, "done"),
         ("Gå gjennom alarmstatistikken med leverandøren hver måned", "contributor", 20,
          "in_progress")]},
    {"title": "Personvernkonsekvensvurdering (DPIA) for kameratilsyn er ikke ferdig",
     "description": "Nattpatruljen vil bruke kameratilsyn i stedet for fysiske nattbesøk. "
                    "Kamera i hjemmet er en inngripende behandling av helseopplysninger.",
     "cause": "DPIA-en ble startet sent, og personvernombudet har hatt liten kapasitet.",
     "effect": "Kameratilsyn kan ikke tas i bruk lovlig; brudd kan gi overtredelsesgebyr og "
               "tap av tillit hos brukere og pårørende.",
     "category": "security", "proximity": "imminent", "at": ("initiative", 1),
     "owner": "pmo", "score": (4, 5), "residual": (3, 4), "strategy": "reduce",
     "review": 14,
     "actions": [
         ("Fullføre personvernkonsekvensvurderingen sammen med personvernombudet",
          "contributor", -14, "in_progress"),
         ("Forhåndsdrøfte med Datatilsynet dersom restrisikoen fortsatt er høy", "pmo", 45,
          "planned")],
     "escalate": ("programme",
                  "Kameratilsyn er også planlagt for medisindispensere og pasientvarsling i "
                  "programmet. Programmet må avgjøre om DPIA-en skal gjøres felles, og om "
                  "utvidelsen skal vente.", "pmo")},
    {"title": "Tillitsvalgte motsetter seg ny arbeidsform for nattpatruljen",
     "cause": "Utrykning ved varsel i stedet for faste runder endrer turnus og "
              "arbeidsoppgaver.",
     "effect": "Innføringen stopper opp til endringene er drøftet; uro i personalgruppen.",
     "category": "change", "at": ("initiative", 1), "owner": "leder.hjemmetjenesten",
     "score": (3, 4), "residual": (2, 3), "strategy": "reduce", "reviewed": 30,
     "actions": [
         ("Ta med tillitsvalgte og verneombud i arbeidsgruppen", "leder.hjemmetjenesten",
          -120, "done"),
         ("Drøftingsmøte om endret arbeidsform og turnus for nattpatruljen",
          "leder.personal", 10, "planned")]},
    {"title": "Mobildekningen er for dårlig hos enkelte brukere",
     "cause": "Deler av kommunen har svak dekning, særlig i grisgrendte strøk.",
     "effect": "Sensoren får ikke sendt varsel, og brukeren må ha fysiske besøk likevel.",
     "category": "technology", "at": ("initiative", 1), "owner": "contributor",
     "score": (3, 3), "residual": (2, 3), "strategy": "reduce", "review": 60,
     "actions": [("Måle dekningen hjemme hos brukeren før installasjon", "contributor", -60,
                  "done")]},
    # ------------------------------------------------ 2 Chatbot
    {"title": "Chatboten gir feil svar om regler og satser",
     "cause": "Svarene bygger på fjorårets satser når nye vedtas.",
     "effect": "Innbyggerne får feil informasjon og klager; tilliten til chatboten svekkes.",
     "category": "reputation", "at": ("initiative", 2), "owner": "leder.dokumentsenter",
     "score": (3, 3), "residual": (2, 2), "strategy": "reduce",
     "actions": [("Rutine for årlig gjennomgang av svarene før nye satser gjelder",
                  "leder.dokumentsenter", -30, "done")],
     "close": ("occurred", "Skjedde i november: chatboten svarte med fjorårets satser for "
                           "eiendomsskatt. Innholdet er rettet.")},
    {"title": "Innbyggerne foretrekker telefon og bruker ikke chatboten",
     "cause": "Eldre innbyggere er vant til å ringe, og chatboten er lite kjent.",
     "effect": "Færre henvendelser flyttes til chat enn planlagt; gevinsten uteblir delvis.",
     "category": "change", "proximity": "later", "at": ("initiative", 2),
     "owner": "leder.dokumentsenter", "score": (3, 3), "residual": (2, 3),
     "strategy": "monitor", "review": 45},
    # ------------------------------------------------ 3 Automatisert fakturabehandling
    {"title": "Roboten stopper når økonomisystemet oppdateres",
     "cause": "Skjermbildene i økonomisystemet endres ved nye versjoner.",
     "effect": "Fakturaer blir liggende, og forfalte fakturaer gir purregebyr.",
     "category": "technology", "at": ("initiative", 3), "owner": "leder.regnskap",
     "score": (3, 3), "residual": (2, 2), "strategy": "reduce", "review": None,
     "actions": [("Overvåking av roboten med varsel til regnskap ved stopp",
                  "leder.regnskap", -200, "done")],
     "close": ("closed", "Overlevert til drift med overvåking og avtale med leverandøren.")},
    # ------------------------------------------------ 4 Digital skoleskyss-søknad
    {"title": "For få foreldre kjenner til den digitale søknaden",
     "cause": "Informasjonen gikk bare ut på kommunens nettsider.",
     "effect": "Mange søker på papir, og skolene må registrere for hånd.",
     "category": "change", "at": ("initiative", 4), "owner": "leder.skole",
     "score": (3, 2), "residual": (1, 2), "strategy": "reduce", "review": None,
     "actions": [("Informasjon i skolenes meldingstjeneste før fristen", "leder.skole", -400,
                  "done")],
     "close": ("closed", "Prosjektet er avsluttet; nesten alle søknadene kom digitalt.")},
    # ------------------------------------------------ 5 Medisindispensere
    {"title": "Brukere tar ikke medisinene når dispenseren varsler",
     "cause": "Noen brukere hører ikke varselet eller glemmer å trykke.",
     "effect": "Feil medisinbruk; hjemmetjenesten må ringe eller rykke ut.",
     "category": "delivery", "at": ("initiative", 5), "owner": "leder.hjemmetjenesten",
     "score": (2, 4), "residual": (2, 3), "strategy": "monitor", "reviewed": 90},
    # ------------------------------------------------ 6 Ny sak-/arkivløsning
    {"title": "Dagens arkivsystem mister leverandørstøtte før migreringen er ferdig",
     "description": "Leverandøren avslutter støtten for dagens sak-/arkivsystem ved "
                    "årsskiftet. Migreringen til ny løsning er forsinket.",
     "cause": "Gammelt system (end-of-life) og forsinket migrering av historiske saker.",
     "effect": "Feil i det gamle systemet kan ikke rettes; saker kan bli utilgjengelige.",
     "category": "technology", "proximity": "imminent", "at": ("initiative", 6),
     "owner": "leder.it", "score": (4, 5), "residual": (4, 4), "strategy": "reduce",
     "review": 30,
     "actions": [
         ("Daglig sikkerhetskopi og lesetilgang til historiske saker fra ny løsning",
          "leder.it", -20, "done"),
         ("Avtale om feilretting på timebasis med tidligere leverandør", "leder.innkjop", 21,
          "in_progress")],
     "accept": ("admin",
                "Ledergruppen aksepterer å drive dagens arkivsystem uten leverandørstøtte i "
                "inntil seks måneder etter at støtten opphører. Forlenget støtteavtale koster "
                "1,2 mill. kr og gir ingen ny funksjonalitet. Forutsetninger: daglig "
                "sikkerhetskopi, lesetilgang fra ny løsning og avtale om feilretting på "
                "timebasis. Vurderes på nytt hvis migreringen forsinkes mer.")},
    {"title": "Migreringen av historiske saker forsinkes av dårlig datakvalitet",
     "cause": "Gamle saker er registrert ulikt, og mange mangler klassering.",
     "effect": "Ny løsning tas i bruk senere; selvbetjent byggesøknad kan ikke arkivere "
               "automatisk som planlagt.",
     "category": "delivery", "proximity": "imminent", "at": ("initiative", 6),
     "owner": "leder.dokumentsenter", "score": (4, 4), "residual": (3, 4),
     "strategy": "reduce", "review": 21,
     "actions": [
         ("Vaske data i de eldste sakene før migrering", "leder.dokumentsenter", 30,
          "in_progress"),
         ("Avklare med leverandøren to måneder ekstra innenfor rammen", "pmo", -7,
          "planned")],
     "escalate": ("programme",
                  "Forsinkelsen rammer flere prosjekter som skal arkivere automatisk. "
                  "Programmet må prioritere leverandørens ressurser på tvers.", "pmo")},
    {"title": "Én arkivar kjenner det gamle arkivsystemet",
     "cause": "Nøkkelpersonavhengighet: rutinene for uttrekk og avlevering er ikke "
              "dokumentert.",
     "effect": "Sykdom eller avgang stopper migreringen og avleveringen til arkivdepot.",
     "category": "people", "at": ("initiative", 6), "owner": "leder.dokumentsenter",
     "score": (3, 4), "residual": (2, 4), "strategy": "reduce", "review": -30,
     "actions": [
         ("Dokumentere uttrekks- og avleveringsrutinene", "leder.dokumentsenter", -21,
          "in_progress"),
         ("Lære opp en stedfortreder i dokumentsenteret", "leder.dokumentsenter", 40,
          "planned")]},
    {"title": "Leverandørinnlåsing: dataformat og grensesnitt eies av leverandøren",
     "cause": "Proprietære grensesnitt og lisensvilkår som hindrer eksport.",
     "effect": "Dyrt og tregt å bytte løsning ved neste anskaffelse.",
     "category": "supplier", "proximity": "later", "at": ("initiative", 6),
     "owner": "leder.innkjop", "score": (3, 4), "residual": (2, 4), "strategy": "reduce",
     "review": 90,
     "actions": [("Krav om full dataeksport i Noark 5-format og exit-bistand i kontrakten",
                  "leder.innkjop", -200, "done")]},
    # ------------------------------------------------ 7 Selvbetjent byggesøknad
    {"title": "Integrasjonen med ID-porten og KS Fiks tar lengre tid enn planlagt",
     "cause": "Nasjonale komponenter har egne krav og testløp, og leverandøren har lite "
              "erfaring med dem.",
     "effect": "Søknadene kan ikke sendes inn innlogget og arkiveres automatisk; "
               "lanseringen utsettes.",
     "category": "technology", "at": ("initiative", 7), "owner": "contributor",
     "score": (3, 4), "residual": (2, 3), "strategy": "reduce", "review": 14,
     "actions": [
         ("Avklare bruk av Fiks-protokollen for byggesøknader med KS", "contributor", -5,
          "planned"),
         ("Felles integrasjonsløsning for nasjonale fellestjenester", "leder.it", 120,
          "planned")],
     "escalate": ("organisation",
                  "Den samme integrasjonen med ID-porten og KS Fiks trengs i minst fire "
                  "prosjekter. Den bør løses én gang for hele kommunen, med én ansvarlig i IT.",
                  "pmo")},
    {"title": "Søkerne sender ufullstendige søknader",
     "cause": "Veiledningen i skjemaet er mangelfull for ansvarsrettsøknader.",
     "effect": "Flere mangelbrev og lengre behandlingstid.",
     "category": "delivery", "at": ("initiative", 7), "owner": "leder.byggesak",
     "score": (3, 2), "strategy": "monitor", "review": 60},
    # ------------------------------------------------ 8 Sensorer for vannlekkasje
    {"title": "Sensorene leveres sent på grunn av komponentmangel",
     "cause": "Global mangel på kretskort.",
     "effect": "Lekkasjene blir funnet senere; vanntapet går ikke ned som planlagt.",
     "category": "supplier", "at": ("initiative", 8), "owner": "leder.vann",
     "score": (3, 3), "residual": (2, 3), "strategy": "monitor", "review": 30,
     "actions": [("Dagbot for forsinket levering i kontrakten", "leder.innkjop", -90,
                  "done")]},
    # ------------------------------------------------ 10 Elektronisk pasientjournal
    {"title": "Anskaffelsen av ny journalløsning blir klaget inn for KOFA",
     "cause": "Stort marked med få leverandører; tapende leverandør kan klage på "
              "tildelingen.",
     "effect": "Kontrakten kan ikke signeres før klagen er behandlet; flere måneders "
               "forsinkelse.",
     "category": "legal", "at": ("initiative", 10), "owner": "leder.innkjop",
     "score": (3, 4), "residual": (2, 4), "strategy": "reduce", "review": 45,
     "actions": [
         ("Kvalitetssikre konkurransegrunnlaget med ekstern advokat", "leder.innkjop", -30,
          "done"),
         ("Grundig begrunnelse av tildelingen og karensperiode", "leder.innkjop", 60,
          "planned")]},
    {"title": "Nasjonale føringer for journal i kommunene endres underveis",
     "cause": "Den nasjonale satsingen på felles kommunal journal er ikke avklart.",
     "effect": "Kommunen kan velge en løsning som må byttes ut igjen om få år.",
     "category": "strategic", "proximity": "later", "at": ("initiative", 10),
     "owner": "admin", "score": (3, 4), "strategy": "monitor", "review": 120},
    # ------------------------------------------------ 11 Kompetanseløft for ledere
    {"title": "Ledere har ikke tid til å delta i kompetanseløftet",
     "cause": "Stor driftsbelastning og mange møter.",
     "effect": "Lederne kan ikke vurdere digitale løsninger eller lede endringene.",
     "category": "people", "at": ("initiative", 11), "owner": "leder.personal",
     "score": (3, 3), "residual": (2, 3), "strategy": "reduce", "reviewed": 30,
     "actions": [("Legge samlingene til ledermøtene som allerede står i kalenderen",
                  "leder.personal", -50, "done")]},
    # ------------------------------------------------ 12 Skyplattform
    {"title": "Lisenskostnadene i skyen blir høyere enn budsjettert",
     "cause": "Prisene følger valutakursen, og bruken vokser raskere enn antatt.",
     "effect": "Driftsbudsjettet for IT overskrides.",
     "category": "financial", "at": ("initiative", 12), "owner": "leder.it",
     "score": (4, 3), "residual": (3, 3), "strategy": "reduce", "review": 20,
     "actions": [("Vurdere reservert kapasitet for de største tjenestene", "leder.it", 30,
                  "in_progress")]},
    {"title": "Personopplysninger behandles utenfor EØS hos en underleverandør",
     "cause": "Skyleverandøren bruker underleverandører for drift og støtte.",
     "effect": "Ulovlig overføring av personopplysninger.",
     "category": "security", "proximity": "later", "at": ("initiative", 12),
     "owner": "leder.it", "score": (2, 5), "residual": (1, 5), "strategy": "avoid",
     "review": 150,
     "actions": [("Databehandleravtale med krav om lagring og støtte innenfor EØS",
                  "leder.innkjop", -100, "done")]},
    # ------------------------------------------------ 16 Digital søknad om helse og omsorg
    {"kind": "opportunity",
     "title": "Gjenbruk av nasjonal komponent for skjema og meldinger (KS Fiks)",
     "cause": "KS Fiks har ferdige byggeklosser for innsending og svar.",
     "effect": "Lavere utviklingskostnad og sikker forsendelse uten egen integrasjon.",
     "category": "technology", "at": ("initiative", 16), "owner": "leder.tildeling",
     "score": (4, 3), "residual": (5, 3), "strategy": "exploit", "review": 45,
     "actions": [("Ta i bruk Fiks-skjema i stedet for eget skjema", "contributor", 45,
                  "in_progress")]},
    # ------------------------------------------------ 18 Automatisert sosialhjelp
    {"title": "Uklar lovhjemmel for helautomatiserte vedtak om økonomisk sosialhjelp",
     "cause": "Forvaltningsloven og sosialtjenesteloven gir ikke tydelig hjemmel for "
              "automatiserte vedtak.",
     "effect": "Vedtak kan bli ugyldige; prosjektet kan ikke gå videre.",
     "category": "legal", "proximity": "later", "at": ("initiative", 18), "owner": "admin",
     "score": (4, 4), "residual": (3, 4), "strategy": "reduce", "review": 30,
     "actions": [("Be om juridisk vurdering fra KS Advokatene", "pmo", 30, "planned")],
     "escalate": ("organisation",
                  "Prosjektet er satt på vent til hjemmelsspørsmålet er avklart. Avklaringen "
                  "gjelder all automatisering av vedtak i kommunen og må tas av "
                  "kommunedirektøren.", "pmo")},
    # ------------------------------------------------ 22 Smart energistyring
    {"kind": "opportunity", "title": "Enova-støtte til energistyring i kommunale bygg",
     "cause": "Enova har en støtteordning for energistyring i yrkesbygg.",
     "effect": "Lavere investering for kommunen og raskere utrulling.",
     "category": "financial", "at": ("initiative", 22), "owner": "leder.eiendom",
     "score": (3, 3), "residual": (4, 3), "strategy": "exploit", "review": 25,
     "actions": [("Søke Enova om støtte før fristen", "leder.eiendom", 25, "in_progress")]},
    # ------------------------------------------------ 26 KI-assistent
    {"title": "Saksbehandlere stoler ukritisk på svar fra KI-assistenten",
     "cause": "Svarene virker sikre, også når de er feil.",
     "effect": "Feil i vedtak og brudd på forvaltningsloven.",
     "category": "legal", "proximity": "later", "at": ("initiative", 26), "owner": "pmo",
     "score": (3, 4), "residual": (2, 4), "strategy": "reduce", "review": 60,
     "actions": [("Retningslinjer for bruk av KI i saksbehandling", "leder.dokumentsenter",
                  60, "planned")]},
    # ------------------------------------------------ 27 Pasientvarsling på sykehjemmene
    {"title": "Leverandøren av pasientvarslingsanlegget kan ikke levere som avtalt",
     "cause": "Leverandøren har økonomiske problemer og har mistet nøkkelpersoner.",
     "effect": "Gamle anlegg må holdes i drift; pasientsikkerheten svekkes ved feil.",
     "category": "supplier", "proximity": "imminent", "at": ("initiative", 27),
     "owner": "leder.sykehjem", "score": (4, 4), "residual": (3, 4), "strategy": "reduce",
     "review": -5,
     "actions": [("Plan B med leverandøren på rammeavtalen", "leder.innkjop", -10,
                  "in_progress")]},
    # ------------------------------------------------ programme: Helse og velferd i hjemmet
    {"title": "Lav digital kompetanse blant ansatte i hjemmetjenesten",
     "description": "Mange ansatte, vikarer og nyansatte er usikre på nettbrett, "
                    "fagsystemet på mobil og de nye varslingsløsningene.",
     "cause": "Høy turnover, mange deltidsstillinger og lite tid til opplæring.",
     "effect": "Løsningene brukes feil eller ikke; gevinstene i programmet uteblir.",
     "category": "people", "proximity": "imminent", "at": ("programme", HELSE),
     "owner": "leder.hjemmetjenesten", "score": (5, 4), "residual": (4, 4),
     "strategy": "reduce", "reviewed": 45,
     "actions": [
         ("Superbruker på hver vakt med to timer i uka til veiledning",
          "leder.hjemmetjenesten", -60, "done"),
         ("Korte opplæringsøkter i arbeidstiden før hver ny løsning", "leder.personal", 30,
          "in_progress"),
         ("Kartlegge digital kompetanse i alle turnusgrupper", "leder.hjemmetjenesten",
          -15, "planned")],
     "accept": ("pmo",
                "Porteføljekontoret aksepterer risikoen ut neste år. Å vente med "
                "innføringene til alle har grunnleggende digital kompetanse ville utsette "
                "gevinstene med mer enn et år. Superbrukere på hver vakt og korte "
                "opplæringsøkter demper risikoen; enhetslederen rapporterer hver måned.")},
    {"title": "Endringstretthet: mange nye løsninger i helse og omsorg samtidig",
     "cause": "Fem prosjekter i programmet innføres i de samme enhetene.",
     "effect": "Motstand, økt sykefravær og at nye rutiner ikke setter seg.",
     "category": "change", "at": ("programme", HELSE), "owner": "pmo", "score": (4, 3),
     "residual": (3, 3), "strategy": "reduce", "review": 30,
     "actions": [("Felles innføringsplan: høyst én ny løsning per enhet per kvartal", "pmo",
                  14, "in_progress")]},
    # ------------------------------------------------ programme: Effektiv forvaltning
    {"title": "Nøkkelpersoner i digitaliseringsenheten er med i for mange prosjekter",
     "cause": "Få personer kan arkitektur, integrasjon og personvern.",
     "effect": "Prosjektene venter på hverandre, og de samme personene blir utbrent.",
     "category": "people", "at": ("programme", FORVALTNING), "owner": "pmo",
     "score": (4, 4), "residual": (3, 4), "strategy": "reduce", "review": -3,
     "actions": [("Prioritere prosjektene i porteføljerådet og frigjøre to nøkkelpersoner",
                  "pmo", 20, "planned")]},
    # ------------------------------------------------ programme: Smart og bærekraftig
    {"title": "Sensordata har ingen felles plattform før skyplattformen er klar",
     "cause": "Skyplattformen er forsinket, og hvert prosjekt lagrer data hos sin "
              "leverandør.",
     "effect": "Data kan ikke sammenstilles, og nye innlåsinger oppstår.",
     "category": "technology", "proximity": "later", "at": ("programme", SMART),
     "owner": "leder.it", "score": (3, 3), "residual": (2, 3), "strategy": "reduce",
     "review": 60},
    {"kind": "opportunity", "title": "Felles anskaffelse av sensorer med nabokommunene",
     "cause": "Åsdal og Vik planlegger tilsvarende sensorer for vann og bygg.",
     "effect": "Lavere priser og delt forvaltning av avtalen.",
     "category": "supplier", "at": ("programme", SMART), "owner": "leder.innkjop",
     "score": (3, 3), "residual": (4, 4), "strategy": "share", "review": 40,
     "actions": [("Invitere Åsdal og Vik til felles konkurranse", "leder.innkjop", 40,
                  "planned")]},
    # ------------------------------------------------ organisation
    {"title": "Budsjettkutt i økonomiplanen stopper planlagte tiltak",
     "cause": "Lavere skatteinngang og økte utgifter til helse og omsorg.",
     "effect": "Prosjekter stoppes før gevinstene er tatt ut.",
     "category": "financial", "at": ("organisation",), "owner": "admin", "score": (3, 5),
     "residual": (3, 4), "strategy": "reduce", "review": 45,
     "actions": [("Synliggjøre gevinstene i budsjettforslaget til kommunestyret", "pmo", 30,
                  "in_progress")]},
    {"title": "Løsepengevirus rammer kommunens fagsystemer",
     "cause": "Målrettede angrep mot kommuner; phishing og sårbarheter hos leverandører.",
     "effect": "Tjenester stanser i dager eller uker; personopplysninger kan komme på "
               "avveie.",
     "category": "security", "at": ("organisation",), "owner": "leder.it", "score": (3, 5),
     "residual": (2, 5), "strategy": "reduce", "reviewed": 90,
     "actions": [
         ("Tofaktorinnlogging for alle ansatte", "leder.it", -150, "done"),
         ("Frakoblet sikkerhetskopi og gjenopprettingsøvelse to ganger i året", "leder.it",
          45, "planned")],
     "accept": ("admin",
                "Kommunedirektøren aksepterer restrisikoen. Tofaktorinnlogging, segmentert "
                "nett og frakoblet sikkerhetskopi er på plass. Videre reduksjon krever "
                "døgnbemannet sikkerhetsovervåking (om lag 900 000 kr i året), som vurderes "
                "i neste budsjettrunde.")},
    {"title": "Mangel på sykepleiere gjør at frigjort tid ikke kan tas ut som kroner",
     "cause": "Frigjort tid fylles av økende behov og ubesatte stillinger.",
     "effect": "Økonomiske gevinster i helse og omsorg blir mindre enn planlagt.",
     "category": "strategic", "proximity": "later", "at": ("organisation",),
     "owner": "admin", "score": (4, 3), "strategy": "monitor", "review": 90},
    {"title": "Kommunen mangler oversikt over databehandleravtaler",
     "cause": "Avtalene er inngått av enhetene og ligger spredt.",
     "effect": "Brudd på personvernforordningen ved tilsyn.",
     "category": "legal", "at": ("organisation",), "owner": "leder.dokumentsenter",
     "score": (3, 3), "residual": (2, 3), "strategy": "reduce", "review": None,
     "actions": [("Registrere alle databehandleravtaler i avtaleregisteret",
                  "leder.dokumentsenter", -45, "done")],
     "close": ("closed", "Alle avtaler er registrert i avtaleregisteret.")},
    {"kind": "opportunity",
     "title": "Nasjonal medfinansiering fra Digitaliseringsdirektoratet (Digifin)",
     "cause": "Digifin gir medfinansiering til digitaliseringsprosjekter med "
              "samfunnsøkonomisk gevinst.",
     "effect": "Kommunen kan gjennomføre flere tiltak innenfor samme budsjett.",
     "category": "financial", "at": ("organisation",), "owner": "pmo", "score": (3, 4),
     "residual": (4, 4), "strategy": "exploit", "review": 35,
     "actions": [("Søke Digifin om medfinansiering for digitalt tilsyn og "
                  "journalovergangen", "pmo", 35, "in_progress")]},
    {"kind": "opportunity", "title": "Felles innkjøp med nabokommunene gir lavere priser",
     "cause": "Åsdal og Vik har like behov og avtaler som løper ut samtidig.",
     "effect": "Lavere priser, mindre arbeid per kommune og sterkere stilling overfor "
               "leverandørene.",
     "category": "supplier", "proximity": "later", "at": ("organisation",),
     "owner": "leder.innkjop", "score": (3, 3), "residual": (4, 3), "strategy": "share",
     "review": 75},
]

ASDAL = [
    {"title": "Analoge trygghetsalarmer slutter å virke når kobbernettet legges ned",
     "cause": "Telenettet i kobber legges ned, og mange alarmer er analoge.",
     "effect": "Brukere får ikke hjelp når de utløser alarmen.",
     "category": "technology", "proximity": "imminent", "at": ("initiative", 1),
     "owner": "leder.pleie", "score": (4, 5), "residual": (2, 5), "strategy": "reduce",
     "review": 20,
     "actions": [
         ("Bytte alle analoge alarmer før nedleggingen", "contributor", 30, "in_progress"),
         ("Teste alarmene hos brukerne hver måned", "leder.pleie", -10, "planned")]},
    {"title": "Kommunene blir ikke enige om kostnadsfordelingen i IKT-samarbeidet",
     "cause": "Ulike størrelser og ulike behov i de tre kommunene.",
     "effect": "Samarbeidet forsinkes eller blir ikke noe av.",
     "category": "financial", "at": ("initiative", 2), "owner": "admin", "score": (3, 3),
     "residual": (2, 3), "strategy": "reduce", "review": 45},
    {"title": "Dataangrep mot styringssystemet for pumpestasjonene",
     "cause": "Fjernovervåking kobler styringssystemet til nettet.",
     "effect": "Stans i vannforsyningen eller kloakkutslipp.",
     "category": "security", "proximity": "later", "at": ("initiative", 4),
     "owner": "leder.vann", "score": (2, 5), "residual": (2, 4), "strategy": "reduce",
     "review": 60,
     "actions": [("Eget nett for styringssystemene, atskilt fra kontornettet", "leder.vann",
                  -30, "done")]},
    {"title": "Sårbar IT-drift: én person kjenner de fleste systemene",
     "cause": "Liten IT-avdeling uten stedfortreder.",
     "effect": "Lang nedetid ved feil når nøkkelpersonen er borte.",
     "category": "people", "proximity": "imminent", "at": ("organisation",), "owner": "pmo",
     "score": (4, 4), "strategy": "reduce", "review": -7,
     "actions": [("Skriftlige driftsrutiner for de viktigste systemene", "pmo", -20,
                  "in_progress")]},
    {"title": "Ansatte frykter mindre forutsigbare vakter med ønsketurnus",
     "cause": "Ønsketurnus er nytt, og erfaringene fra andre kommuner er blandede.",
     "effect": "Motstand mot innføringen.",
     "category": "change", "at": ("initiative", 8), "owner": "leder.pleie",
     "score": (3, 3), "strategy": "monitor", "review": 90},
    {"title": "Foreldrene får ikke varsler i den nye appen",
     "cause": "Varslinger var slått av som standard.",
     "effect": "Viktige beskjeder når ikke fram.",
     "category": "technology", "at": ("initiative", 5), "owner": "leder.oppvekst",
     "score": (2, 3), "residual": (1, 3), "strategy": "reduce", "review": None,
     "close": ("closed", "Varslinger er slått på for alle; ingen avvik siste halvår.")},
    {"kind": "opportunity", "title": "Felles innkjøp med Fjordby og nabokommunene",
     "cause": "Fjordby planlegger tilsvarende anskaffelser.",
     "effect": "Lavere priser og tilgang til Fjordbys fagmiljø.",
     "category": "financial", "at": ("organisation",), "owner": "pmo", "score": (3, 3),
     "residual": (4, 3), "strategy": "share", "review": 60},
]

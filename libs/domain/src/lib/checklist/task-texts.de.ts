/**
 * German texts of checklist tasks for mail, by template key and then by the English text of each
 * wording (`task-texts.ts`). A test fails when a task of any checklist lacks its entry here.
 */
export const TASK_TEXTS_DE: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'candidate-application': {
    'Application submitted (motivation letter and Europass CV)':
      'Bewerbung eingereicht (Motivationsschreiben und Europass-Lebenslauf)',
    'Application to compete submitted': 'Bewerbung für den Wettbewerb eingereicht',
    'Application with professional development goals submitted':
      'Bewerbung mit Zielen der beruflichen Weiterentwicklung eingereicht',
    'Application of the teacher or educator in training received':
      'Bewerbung der Lehrkraft bzw. pädagogischen Fachkraft in Ausbildung eingegangen',
    'Profile, studies, motivation and expectations; the CV in Europass format is what the host will read.':
      'Profil, Ausbildung, Motivation und Erwartungen; den Lebenslauf im Europass-Format liest die Aufnahmeeinrichtung.',
    'What the staff member wants to learn or bring back, and how it serves the organisation’s Erasmus plan.':
      'Was die Fachkraft lernen oder mitbringen möchte und wie es dem Erasmus-Plan der Einrichtung dient.',
    'Their training programme, goals and the subjects they want to practise.':
      'Ausbildungsprogramm, Ziele und die Fächer, die geübt werden sollen.',
  },
  'readiness-self-check': {
    '"Are you ready?" self-check done': 'Selbsttest „Bist du bereit?“ gemacht',
    'Independence, motivation, adaptability, working-language level and the legal minimum age for placements in both countries.':
      'Selbstständigkeit, Motivation, Anpassungsfähigkeit, Kenntnisse der Arbeitssprache und das gesetzliche Mindestalter für Praktika in beiden Ländern.',
  },
  'eligibility-check': {
    'Eligibility and activity duration checked': 'Förderfähigkeit und Dauer der Aktivität geprüft',
    "Learner or apprentice in initial/continuing VET, or graduate within 12 months; duration within the activity type's limits.":
      'Lernende oder Auszubildende in der beruflichen Aus- oder Weiterbildung, oder Absolventinnen und Absolventen innerhalb von 12 Monaten; Dauer innerhalb der Grenzen der Aktivitätsart.',
  },
  'selection-decision': {
    'Selection decision recorded': 'Auswahlentscheidung dokumentiert',
    'Competitors selected and the decision recorded':
      'Teilnehmende am Wettbewerb ausgewählt und Entscheidung dokumentiert',
    'Invitation decision recorded': 'Entscheidung über die Einladung dokumentiert',
    'Persons taking part chosen (at most 3)': 'Teilnehmende Personen ausgewählt (höchstens 3)',
    'Select on motivation, merit, personal development and learning needs, with the published criteria; keep the record.':
      'Nach Motivation, Leistung, persönlicher Entwicklung und Lernbedarf anhand der veröffentlichten Kriterien auswählen; die Dokumentation aufbewahren.',
    'Select with the published criteria (Erasmus quality standards); keep the record.':
      'Anhand der veröffentlichten Kriterien auswählen (Erasmus-Qualitätsstandards); die Dokumentation aufbewahren.',
    'Why this person, for what; keep the record.': 'Warum diese Person, wofür; die Dokumentation aufbewahren.',
    'Up to 3 persons per preparatory visit (reference §3.2 #16).':
      'Bis zu 3 Personen je vorbereitendem Besuch (Referenz §3.2 #16).',
  },
  'fewer-opportunities': {
    'Fewer-opportunity situation and inclusion needs recorded': 'Geringere Chancen und Inklusionsbedarf dokumentiert',
    'Record whether the learner has fewer opportunities; it decides inclusion support and must be documented.':
      'Festhalten, ob die oder der Lernende geringere Chancen hat; davon hängt die Inklusionsunterstützung ab, und es muss dokumentiert werden.',
    'Staff can have fewer opportunities too; it decides inclusion support and must be documented.':
      'Auch Personal kann geringere Chancen haben; davon hängt die Inklusionsunterstützung ab, und es muss dokumentiert werden.',
  },
  'organisation-ids': {
    'Organisation IDs (OID) of sending and host organisation recorded':
      'Organisations-IDs (OID) der entsendenden und der aufnehmenden Einrichtung erfasst',
    'Every organisation named in the project needs an OID before it can be selected in the Beneficiary Module.':
      'Jede im Projekt genannte Einrichtung braucht eine OID, bevor sie im Beneficiary Module ausgewählt werden kann.',
  },
  'host-search': {
    'Host organisation found and vetted': 'Aufnahmeeinrichtung gefunden und geprüft',
    'Competition and its organiser (the host) chosen':
      'Wettbewerb und Veranstalter (die aufnehmende Einrichtung) ausgewählt',
    'Host organisation for the job shadowing found': 'Aufnahmeeinrichtung für das Job-Shadowing gefunden',
    'Host organisation for the assignment found': 'Aufnahmeeinrichtung für den Lehr- bzw. Ausbildungseinsatz gefunden',
    'Course provider found': 'Kursanbieter gefunden',
    "Expert's organisation recorded": 'Einrichtung der Expertin bzw. des Experten erfasst',
    "Educator's training institution recorded": 'Ausbildungseinrichtung der pädagogischen Fachkraft erfasst',
    'Receiving organisation to visit chosen': 'Zu besuchende Aufnahmeeinrichtung ausgewählt',
    "Use the partner directory, learners' ratings and previous cooperation; check the host can offer the occupation.":
      'Partnerverzeichnis, Bewertungen der Lernenden und frühere Zusammenarbeit nutzen; prüfen, ob die Aufnahmeeinrichtung den Beruf anbieten kann.',
    "Check the competition's rules, the trades on offer and the registration deadline.":
      'Regeln des Wettbewerbs, angebotene Berufe und Anmeldeschluss prüfen.',
    'Use the partner directory, ratings and previous cooperation.':
      'Partnerverzeichnis, Bewertungen und frühere Zusammenarbeit nutzen.',
    'The organisation abroad the participant comes from; it confirms the dates.':
      'Die Einrichtung im Ausland, von der die Person kommt; sie bestätigt die Termine.',
    'The host of the mobilities it prepares.': 'Die Aufnahmeeinrichtung der Mobilitäten, die der Besuch vorbereitet.',
  },
  'learning-units-agreed': {
    'Occupation and units of learning outcomes agreed with the host':
      'Beruf und Lernergebniseinheiten mit der Aufnahmeeinrichtung vereinbart',
    'Agree which units the host can offer; reuse units from the learning-outcomes database.':
      'Vereinbaren, welche Einheiten die Aufnahmeeinrichtung anbieten kann; Einheiten aus der Lernergebnis-Datenbank wiederverwenden.',
  },
  'memorandum-of-understanding': {
    'Memorandum of Understanding with the host in place (if used)':
      'Memorandum of Understanding mit der Aufnahmeeinrichtung abgeschlossen (falls genutzt)',
    'An ECVET-style MoU frames assessment and recognition for all learners sent to this host.':
      'Ein MoU nach ECVET-Art regelt Bewertung und Anerkennung für alle Lernenden, die zu dieser Aufnahmeeinrichtung entsandt werden.',
  },
  'learner-dossier': {
    'Learner dossier complete (ID, EHIC, insurance, consents)':
      'Unterlagen der oder des Lernenden vollständig (Ausweis, EHIC, Versicherung, Einwilligungen)',
    'ID or passport, European Health Insurance Card, authorisations such as parental consent, medical certificate if required.':
      'Personalausweis oder Reisepass, Europäische Krankenversicherungskarte, Genehmigungen wie die Einwilligung der Eltern, bei Bedarf ein ärztliches Attest.',
  },
  'candidate-sent-to-host': {
    'Application form and CV sent to the host':
      'Bewerbungsformular und Lebenslauf an die Aufnahmeeinrichtung geschickt',
    'Participant list and profiles sent to the host':
      'Teilnehmendenliste und Profile an die Aufnahmeeinrichtung geschickt',
    'Profile and goals sent to the host': 'Profil und Ziele an die Aufnahmeeinrichtung geschickt',
    'At least two months before arrival, so the host can interview and plan the placement.':
      'Mindestens zwei Monate vor der Ankunft, damit die Aufnahmeeinrichtung ein Gespräch führen und das Praktikum planen kann.',
    'So the host can plan the programme of the stay.':
      'Damit die Aufnahmeeinrichtung das Programm des Aufenthalts planen kann.',
  },
  'host-confirmation': {
    'Host confirms the placement and names a mentor':
      'Aufnahmeeinrichtung bestätigt das Praktikum und benennt eine Betreuungsperson',
    'Organiser confirms the participation and names a contact':
      'Veranstalter bestätigt die Teilnahme und benennt eine Kontaktperson',
    'Host confirms the job shadowing and names a contact person':
      'Aufnahmeeinrichtung bestätigt das Job-Shadowing und benennt eine Kontaktperson',
    'Host confirms the assignment and names a contact person':
      'Aufnahmeeinrichtung bestätigt den Einsatz und benennt eine Kontaktperson',
    'Course provider confirms the registration': 'Kursanbieter bestätigt die Anmeldung',
    "Participant's organisation confirms the dates": 'Einrichtung der teilnehmenden Person bestätigt die Termine',
    'Receiving organisation confirms the visit': 'Aufnahmeeinrichtung bestätigt den Besuch',
    "After an interview by call or video the host confirms and names the mentor who will be the learner's single contact.":
      'Nach einem Gespräch per Telefon oder Video bestätigt die Aufnahmeeinrichtung und benennt die Betreuungsperson, die einzige Ansprechperson der oder des Lernenden ist.',
    'The organiser confirms the competitors and the programme and names who to call on site.':
      'Der Veranstalter bestätigt die Teilnehmenden und das Programm und benennt, wer vor Ort erreichbar ist.',
    'The host confirms the dates and names who the participant will follow.':
      'Die Aufnahmeeinrichtung bestätigt die Termine und benennt, wen die Person begleiten wird.',
    'Dates, groups and timetable confirmed.': 'Termine, Gruppen und Stundenplan bestätigt.',
    'Dates, programme and the fee confirmed in writing.': 'Termine, Programm und Gebühr schriftlich bestätigt.',
    'The organisation abroad confirms the visit and names a contact.':
      'Die Einrichtung im Ausland bestätigt den Besuch und benennt eine Kontaktperson.',
    'Dates and who meets the visitors.': 'Termine und wer die Besuchenden empfängt.',
  },
  'learning-agreement': {
    'Learning agreement signed by sending organisation, host and learner':
      'Lernvereinbarung von entsendender Einrichtung, Aufnahmeeinrichtung und Lernenden unterschrieben',
    'Group learning programme and participant list signed':
      'Gruppen-Lernprogramm und Teilnehmendenliste unterschrieben',
    'Learning agreement signed by sending organisation, host and participant':
      'Lernvereinbarung von entsendender Einrichtung, Aufnahmeeinrichtung und teilnehmender Person unterschrieben',
    'Programme of the stay agreed and signed': 'Programm des Aufenthalts vereinbart und unterschrieben',
    'Programme of the visit agreed with the receiving organisation':
      'Programm des Besuchs mit der Aufnahmeeinrichtung vereinbart',
    'Expected learning outcomes, tasks, mentor, monitoring, assessment and recognition — signed by all three before the start.':
      'Erwartete Lernergebnisse, Aufgaben, Betreuungsperson, Begleitung, Bewertung und Anerkennung – vor Beginn von allen dreien unterschrieben.',
    'What the learner is to learn and show at the competition, and how it is recognised — signed before the start.':
      'Was die oder der Lernende beim Wettbewerb lernen und zeigen soll und wie es anerkannt wird – vor Beginn unterschrieben.',
    'Group mobility: one learning programme for the whole group with the list of participants, signed by sending organisation and host before the start (reference §4.4).':
      'Gruppenmobilität: ein Lernprogramm für die ganze Gruppe mit der Teilnehmendenliste, vor Beginn von entsendender Einrichtung und Aufnahmeeinrichtung unterschrieben (Referenz §4.4).',
    'The Erasmus+ learning agreement serves staff too (reference §4.4): goals, programme, tasks of each side — signed before the start.':
      'Die Erasmus+-Lernvereinbarung gilt auch für Personal (Referenz §4.4): Ziele, Programm, Aufgaben jeder Seite – vor Beginn unterschrieben.',
    'The teaching or training programme, the groups taught and the tasks of each side, signed before the start (reference §4.4).':
      'Das Lehr- oder Ausbildungsprogramm, die unterrichteten Gruppen und die Aufgaben jeder Seite, vor Beginn unterschrieben (Referenz §4.4).',
    'What the participant does with us, with whom, and how it is confirmed — signed before the start.':
      'Was die Person bei uns tut, mit wem und wie es bestätigt wird – vor Beginn unterschrieben.',
    'Meetings, the workplaces to see, what is to be agreed — done before leaving.':
      'Treffen, zu besichtigende Arbeitsplätze, was zu vereinbaren ist – vor der Abreise erledigt.',
  },
  'participant-grant-agreement': {
    'Grant agreement with the participant signed':
      'Finanzhilfevereinbarung mit der teilnehmenden Person unterschrieben',
    'Amounts, payment schedule and obligations (reports, documents, OLS); a parent or guardian signs for a minor.':
      'Beträge, Zahlungsplan und Pflichten (Berichte, Unterlagen, OLS); für Minderjährige unterschreibt ein Elternteil oder der Vormund.',
    'Amounts, payment schedule and obligations (participant report, documents).':
      'Beträge, Zahlungsplan und Pflichten (Teilnehmendenbericht, Unterlagen).',
    'The grant per person and the documents to bring back.':
      'Die Förderung je Person und die mitzubringenden Unterlagen.',
  },
  insurance: {
    'Accident and liability insurance for the whole stay':
      'Unfall- und Haftpflichtversicherung für den ganzen Aufenthalt',
    'Insurance recorded: health, accident and third-party liability':
      'Versicherung erfasst: Kranken-, Unfall- und Haftpflichtversicherung',
    "Participant's accident and liability insurance checked":
      'Unfall- und Haftpflichtversicherung der teilnehmenden Person geprüft',
    'Accident and liability insurance for the visit': 'Unfall- und Haftpflichtversicherung für den Besuch',
    'The sending organisation ensures cover; the learner carries the EHIC for health care within the EU.':
      'Die entsendende Einrichtung sorgt für den Versicherungsschutz; die oder der Lernende hat die EHIC für die Gesundheitsversorgung in der EU dabei.',
    'Insurer, policy number and the risks covered, for the whole stay, recorded in the file before departure. The EHIC covers health care within the EU/EEA only.':
      'Versicherer, Policennummer und versicherte Risiken für den ganzen Aufenthalt vor der Abreise in der Akte erfasst. Die EHIC deckt nur die Gesundheitsversorgung in der EU/im EWR.',
    'Cover for the whole stay; the EHIC for health care within the EU.':
      'Versicherungsschutz für den ganzen Aufenthalt; die EHIC für die Gesundheitsversorgung in der EU.',
    'The sending organisation ensures cover; EHIC for health care within the EU.':
      'Die entsendende Einrichtung sorgt für den Versicherungsschutz; EHIC für die Gesundheitsversorgung in der EU.',
  },
  'travel-booked': {
    'Travel and accommodation booked; green travel decided':
      'Reise und Unterkunft gebucht; über umweltfreundliches Reisen entschieden',
    'Green travel funds up to 6 travel days instead of 2; keep every ticket as evidence.':
      'Umweltfreundliches Reisen fördert bis zu 6 Reisetage statt 2; jedes Ticket als Nachweis aufbewahren.',
  },
  'linguistic-preparation': {
    'Linguistic preparation started (OLS or linguistic support)':
      'Sprachliche Vorbereitung begonnen (OLS oder Sprachförderung)',
    'Enrol in the Online Language Support in the EU Academy, or justify linguistic-support funding where OLS is unavailable.':
      'Für den Online Language Support in der EU Academy anmelden oder, wo OLS nicht verfügbar ist, Mittel für Sprachförderung begründen.',
  },
  'preparation-session': {
    'Intercultural, practical and job-related preparation done':
      'Interkulturelle, praktische und berufsbezogene Vorbereitung erledigt',
    'Competition briefing and practical preparation done': 'Wettbewerbseinweisung und praktische Vorbereitung erledigt',
    'Country information pack, emergency numbers, what to expect at work.':
      'Länderinformationen, Notrufnummern, was bei der Arbeit zu erwarten ist.',
    'Rules of the competition, tools and clothing, emergency numbers, what the accompanying staff do.':
      'Regeln des Wettbewerbs, Werkzeug und Kleidung, Notrufnummern, Aufgaben der Begleitpersonen.',
  },
  'beneficiary-module-record': {
    'Mobility recorded in the Beneficiary Module': 'Mobilität im Beneficiary Module erfasst',
    'Visit recorded in the Beneficiary Module (Preparatory visits)':
      'Besuch im Beneficiary Module erfasst (vorbereitende Besuche)',
    "Create the mobility with the participant's e-mail; complete it before the end date so the participant report can be sent.":
      'Die Mobilität mit der E-Mail-Adresse der teilnehmenden Person anlegen und vor dem Enddatum vervollständigen, damit der Teilnehmendenbericht verschickt werden kann.',
    'Preparatory visits have their own section in the BM, with the number of persons and the purpose.':
      'Vorbereitende Besuche haben im BM einen eigenen Bereich, mit Personenzahl und Zweck.',
  },
  'pre-financing-paid': {
    'Pre-financing paid to the participant': 'Vorfinanzierung an die teilnehmende Person ausgezahlt',
    'As set in the participant grant agreement.':
      'Wie in der Finanzhilfevereinbarung mit der teilnehmenden Person festgelegt.',
  },
  'europass-mobility-prepared': {
    'Europass Mobility prepared (pre-mobility part)': 'Europass Mobilität vorbereitet (Teil vor der Mobilität)',
    'The current template has a pre-mobility part aligned with the learning agreement.':
      'Die aktuelle Vorlage hat einen Teil vor der Mobilität, der auf die Lernvereinbarung abgestimmt ist.',
  },
  'travel-to-host': {
    'Travel to the host country': 'Reise ins Gastland',
    'Arrived in the host country': 'Im Gastland angekommen',
    'Practitioners advise arriving 2–3 days before work starts; funded travel days: 2 standard, up to 6 green.':
      'Aus der Praxis: 2–3 Tage vor Arbeitsbeginn anreisen; geförderte Reisetage: 2 im Regelfall, bis zu 6 bei umweltfreundlichem Reisen.',
  },
  'arrival-confirmed': {
    'Arrival confirmed to the sending organisation': 'Ankunft der entsendenden Einrichtung bestätigt',
    'Arrival of the participant confirmed': 'Ankunft der teilnehmenden Person bestätigt',
    'A short message on arrival; the host may confirm instead.':
      'Eine kurze Nachricht bei der Ankunft; stattdessen kann auch die Aufnahmeeinrichtung bestätigen.',
    'Met on arrival.': 'Bei der Ankunft empfangen.',
  },
  induction: {
    'Welcome and induction session': 'Begrüßung und Einführung',
    'Registration and briefing at the competition': 'Anmeldung und Einweisung beim Wettbewerb',
    'Welcome at the host and programme of the stay':
      'Begrüßung in der Aufnahmeeinrichtung und Programm des Aufenthalts',
    'Welcome and introduction at our organisation': 'Begrüßung und Einführung in unserer Einrichtung',
    'At the intermediary organisation where there is one, otherwise at the host.':
      'Bei der Vermittlungseinrichtung, wenn es eine gibt, sonst in der Aufnahmeeinrichtung.',
    'Who is who, the programme, the practicalities.': 'Wer ist wer, das Programm, das Praktische.',
    'Colleagues, rooms, the programme.': 'Kolleginnen und Kollegen, Räume, das Programm.',
  },
  'health-safety-briefing': {
    'Workplace health and safety briefing': 'Unterweisung in Arbeitsschutz und Sicherheit am Arbeitsplatz',
    'Working hours and tasks as written in the learning agreement.':
      'Arbeitszeiten und Aufgaben wie in der Lernvereinbarung festgehalten.',
  },
  'monitoring-contact': {
    'First monitoring report from the host mentor':
      'Erster Begleitbericht der Betreuungsperson in der Aufnahmeeinrichtung',
    'First check-in with the learner and the host mentor':
      'Erstes Gespräch mit der oder dem Lernenden und der Betreuungsperson',
    'Daily check-in with the accompanying staff': 'Tägliche Rücksprache mit den Begleitpersonen',
    'First check-in with the accompanying person and the host':
      'Erstes Gespräch mit der Begleitperson und der Aufnahmeeinrichtung',
    'First check-in with the participant': 'Erstes Gespräch mit der teilnehmenden Person',
    'The host mentor reports progress to the sending tutor, then weekly or every second week.':
      'Die Betreuungsperson meldet die Fortschritte an die betreuende Lehrkraft der entsendenden Einrichtung, danach wöchentlich oder alle zwei Wochen.',
    'In the first days of the stay: is the learner settled, safe, and doing the tasks of the agreement? Then keep in touch regularly.':
      'In den ersten Tagen des Aufenthalts: Hat sich die oder der Lernende eingelebt, ist sie oder er sicher und erledigt die vereinbarten Aufgaben? Danach regelmäßig Kontakt halten.',
    'Each day of the competition: is everyone safe and where they should be?':
      'An jedem Wettbewerbstag: Sind alle sicher und dort, wo sie sein sollen?',
    'In the first days of the stay: is the group settled, safe, and doing the tasks of the agreement? Then keep in touch regularly.':
      'In den ersten Tagen des Aufenthalts: Hat sich die Gruppe eingelebt, ist sie sicher und erledigt die vereinbarten Aufgaben? Danach regelmäßig Kontakt halten.',
    'In the first days: is the programme as agreed? Anything to change?':
      'In den ersten Tagen: Läuft das Programm wie vereinbart? Muss etwas geändert werden?',
    'In the first days: is the programme working for both sides?':
      'In den ersten Tagen: Funktioniert das Programm für beide Seiten?',
  },
  'learner-portfolio': {
    'Diary or portfolio kept as assessment evidence': 'Tagebuch oder Portfolio als Nachweis für die Bewertung geführt',
    'Regular entries about tasks and what was learned.': 'Regelmäßige Einträge zu Aufgaben und zum Gelernten.',
  },
  'outcomes-assessed': {
    'Learning outcomes assessed by the host': 'Lernergebnisse von der Aufnahmeeinrichtung bewertet',
    "Group's learning outcomes assessed by the host": 'Lernergebnisse der Gruppe von der Aufnahmeeinrichtung bewertet',
    'With the method agreed in the MoU or learning agreement; note differences from the planned outcomes.':
      'Mit der im MoU oder in der Lernvereinbarung vereinbarten Methode; Abweichungen von den geplanten Ergebnissen festhalten.',
    'In the last days of the stay, with the method agreed in the MoU or learning agreement; note differences from the planned outcomes.':
      'In den letzten Tagen des Aufenthalts, mit der im MoU oder in der Lernvereinbarung vereinbarten Methode; Abweichungen von den geplanten Ergebnissen festhalten.',
  },
  'attendance-confirmed': {
    'Host confirms the period completed (certificate of attendance)':
      'Aufnahmeeinrichtung bestätigt den absolvierten Zeitraum (Teilnahmebescheinigung)',
    'Organiser confirms the participation (certificate)': 'Veranstalter bestätigt die Teilnahme (Bescheinigung)',
    'Host confirms the assignment completed (certificate of attendance)':
      'Aufnahmeeinrichtung bestätigt den absolvierten Einsatz (Teilnahmebescheinigung)',
    'Course provider confirms the attendance (certificate)': 'Kursanbieter bestätigt die Teilnahme (Bescheinigung)',
    'Period of the stay confirmed (certificate for the participant)':
      'Zeitraum des Aufenthalts bestätigt (Bescheinigung für die teilnehmende Person)',
    'Receiving organisation confirms the visit took place':
      'Aufnahmeeinrichtung bestätigt, dass der Besuch stattgefunden hat',
    "The certificate or learning-agreement complement is the proof of the mobility's dates.":
      'Die Bescheinigung oder die Ergänzung zur Lernvereinbarung ist der Nachweis der Termine der Mobilität.',
    "Our certificate is the proof of the mobility's dates.":
      'Unsere Bescheinigung ist der Nachweis der Termine der Mobilität.',
    'A short attendance confirmation is the proof of the dates.':
      'Eine kurze Teilnahmebestätigung ist der Nachweis der Termine.',
  },
  'europass-host-section': {
    'Skills section of Europass Mobility filled by the host':
      'Kompetenzteil des Europass Mobilität von der Aufnahmeeinrichtung ausgefüllt',
    'Describes the skills acquired during the placement.':
      'Beschreibt die während des Praktikums erworbenen Kompetenzen.',
  },
  'dissemination-material': {
    'Photos and testimonial collected for dissemination': 'Fotos und Erfahrungsbericht für die Verbreitung gesammelt',
    'Photos and notes collected for sharing': 'Fotos und Notizen zum Teilen gesammelt',
    "With consent; useful for the project's results and for the next learners.":
      'Mit Einwilligung; nützlich für die Projektergebnisse und für die nächsten Lernenden.',
    "For colleagues and the project's results, with the consent of those shown.":
      'Für Kolleginnen und Kollegen und die Projektergebnisse, mit Einwilligung der abgebildeten Personen.',
    "For colleagues and the project's results, with consent.":
      'Für Kolleginnen und Kollegen und die Projektergebnisse, mit Einwilligung.',
  },
  'participant-report-requested': {
    'Participant report request sent': 'Anforderung des Teilnehmendenberichts verschickt',
    'The Beneficiary Module e-mails it when the end date is reached, only if the mobility is Complete there.':
      'Das Beneficiary Module verschickt sie zum Enddatum per E-Mail, aber nur, wenn die Mobilität dort auf „Complete“ steht.',
  },
  'participant-report-submitted': {
    'Participant report submitted': 'Teilnehmendenbericht eingereicht',
    'Deadline set in the participant grant agreement (commonly 30 days); not submitting can mean repaying the grant.':
      'Frist laut Finanzhilfevereinbarung (meist 30 Tage); wer nicht einreicht, muss die Förderung unter Umständen zurückzahlen.',
  },
  'participant-report-monitored': {
    'Participant report status checked; request re-sent if undelivered':
      'Status des Teilnehmendenberichts geprüft; Anforderung bei Nichtzustellung erneut verschickt',
    'Statuses Requested / Undelivered / Submitted; correct the e-mail and re-send, at most once per 24 hours.':
      'Status „Requested“ / „Undelivered“ / „Submitted“; E-Mail-Adresse korrigieren und erneut senden, höchstens einmal in 24 Stunden.',
  },
  debrief: {
    'Return debrief; trainee report and satisfaction survey collected':
      'Nachbesprechung nach der Rückkehr; Praktikumsbericht und Zufriedenheitsumfrage eingeholt',
    'Return debrief with the line manager': 'Nachbesprechung mit der vorgesetzten Person nach der Rückkehr',
    'Debrief with the colleagues who worked with the participant':
      'Nachbesprechung mit den Kolleginnen und Kollegen, die mit der Person gearbeitet haben',
    'Within two weeks of return while memories are fresh.':
      'Innerhalb von zwei Wochen nach der Rückkehr, solange die Erinnerungen frisch sind.',
    'What worked, what to introduce at home; within two weeks of return.':
      'Was funktioniert hat, was zu Hause eingeführt werden soll; innerhalb von zwei Wochen nach der Rückkehr.',
    'What the visit brought and what to keep.': 'Was der Besuch gebracht hat und was beibehalten werden soll.',
  },
  'host-rated': {
    'Host organisation rated by the learner': 'Aufnahmeeinrichtung von der oder dem Lernenden bewertet',
    'Host organisation rated': 'Aufnahmeeinrichtung bewertet',
    'The rating feeds the partner directory for the next learners.':
      'Die Bewertung fließt in das Partnerverzeichnis für die nächsten Lernenden ein.',
    'The rating feeds the partner directory.': 'Die Bewertung fließt in das Partnerverzeichnis ein.',
  },
  'outcomes-validated': {
    'Assessed outcomes validated against the learning agreement':
      'Bewertete Lernergebnisse mit der Lernvereinbarung abgeglichen',
    "The competent institution checks the host's assessment against the agreed outcomes.":
      'Die zuständige Stelle prüft die Bewertung der Aufnahmeeinrichtung anhand der vereinbarten Lernergebnisse.',
  },
  'outcomes-recognised': {
    'Learning outcomes recognised and recorded': 'Lernergebnisse anerkannt und dokumentiert',
    "Credited per the home system's rules and recorded in the learner's records or transcript.":
      'Nach den Regeln des heimischen Systems angerechnet und in den Unterlagen oder im Zeugnis der oder des Lernenden festgehalten.',
  },
  'europass-mobility-issued': {
    'Europass Mobility issued (or equivalent proof) and a copy kept':
      'Europass Mobilität (oder gleichwertiger Nachweis) ausgestellt und Kopie aufbewahrt',
    'Europass Mobility or certificate issued and a copy kept':
      'Europass Mobilität oder Bescheinigung ausgestellt und Kopie aufbewahrt',
    'Signed by host and sending organisation; the holder receives it, a copy stays in the file.':
      'Von Aufnahmeeinrichtung und entsendender Einrichtung unterschrieben; die Inhaberin bzw. der Inhaber erhält ihn, eine Kopie bleibt in der Akte.',
    'Proof of completion; the participant receives it, a copy stays in the file.':
      'Nachweis des Abschlusses; die teilnehmende Person erhält ihn, eine Kopie bleibt in der Akte.',
  },
  'beneficiary-module-updated': {
    'Beneficiary Module record updated with actual dates and travel':
      'Eintrag im Beneficiary Module mit tatsächlichen Terminen und Reise aktualisiert',
    'Actual dates, travel days, means of transport, interruptions; re-check the individual support.':
      'Tatsächliche Termine, Reisetage, Verkehrsmittel, Unterbrechungen; die individuelle Unterstützung erneut prüfen.',
  },
  'balance-paid': {
    'Balance paid to the participant': 'Restbetrag an die teilnehmende Person ausgezahlt',
    'After the participant report and the documents are in.':
      'Nachdem der Teilnehmendenbericht und die Unterlagen vorliegen.',
    'After the documents are in.': 'Nachdem die Unterlagen vorliegen.',
  },
  'beneficiary-module-complete': {
    'Mobility marked Complete in the Beneficiary Module': 'Mobilität im Beneficiary Module als „Complete“ markiert',
    'Drafts are ignored in the budget summary and block the final report.':
      'Entwürfe werden in der Budgetübersicht nicht berücksichtigt und blockieren den Abschlussbericht.',
  },
  'participant-report-received': {
    'Participant report received or exclusion agreed with the NA':
      'Teilnehmendenbericht eingegangen oder Ausnahme mit der NA vereinbart',
    "Exclusion only with the National Agency's agreement, e.g. force majeure.":
      'Ausnahme nur mit Zustimmung der Nationalen Agentur, z. B. bei höherer Gewalt.',
  },
  'evidence-learning-agreement': {
    'Signed learning agreement filed as evidence': 'Unterschriebene Lernvereinbarung als Nachweis abgelegt',
    'Kept for audit with the rest of the mobility file.': 'Für Prüfungen mit der übrigen Mobilitätsakte aufbewahrt.',
  },
  'evidence-attendance': {
    'Proof of attendance filed (certificate, Europass Mobility)':
      'Teilnahmenachweis abgelegt (Bescheinigung, Europass Mobilität)',
    'Proof of the visit filed': 'Nachweis des Besuchs abgelegt',
    'The proof of the dates for which the grant is paid.':
      'Der Nachweis der Termine, für die die Förderung gezahlt wird.',
  },
  'evidence-travel': {
    'Travel evidence filed (tickets, green-travel declaration)':
      'Reisenachweise abgelegt (Tickets, Erklärung zum umweltfreundlichen Reisen)',
    "Green travel needs the participant's signed declaration.":
      'Umweltfreundliches Reisen braucht die unterschriebene Erklärung der teilnehmenden Person.',
  },
  'evidence-real-costs': {
    'Invoices for inclusion support or exceptional costs filed':
      'Rechnungen für Inklusionsunterstützung oder außergewöhnliche Kosten abgelegt',
    'Only where real costs were claimed; waive the task with a reason when there were none.':
      'Nur wenn tatsächliche Kosten geltend gemacht wurden; gab es keine, auf die Aufgabe mit Begründung verzichten.',
  },
  'grant-reconciled': {
    'Travel and individual support reconciled with the actual dates':
      'Reisekosten und individuelle Unterstützung mit den tatsächlichen Terminen abgeglichen',
    'The grant follows the actual duration and the distance band.':
      'Die Förderung richtet sich nach der tatsächlichen Dauer und dem Entfernungsband.',
  },
  'feedback-analysed': {
    'Learner feedback analysed; procedures and host rating adjusted':
      'Rückmeldungen der Lernenden ausgewertet; Abläufe und Bewertung der Aufnahmeeinrichtung angepasst',
    'Participant feedback analysed; procedures adjusted':
      'Rückmeldungen der Teilnehmenden ausgewertet; Abläufe angepasst',
    "Erasmus quality standards ask beneficiaries to use participants' feedback.":
      'Die Erasmus-Qualitätsstandards verlangen, dass Begünstigte die Rückmeldungen der Teilnehmenden nutzen.',
  },
  'results-shared': {
    'Results shared with EU-funding acknowledgement': 'Ergebnisse mit Hinweis auf die EU-Förderung geteilt',
    "A testimonial or story for the school's site or the Project Results Platform.":
      'Ein Erfahrungsbericht oder eine Geschichte für die Website der Schule oder die Project Results Platform.',
  },
  'file-archived': {
    'Mobility file archived for audit': 'Mobilitätsakte für Prüfungen archiviert',
    'Grant audits can come years after the final payment.':
      'Prüfungen der Förderung können Jahre nach der Schlusszahlung kommen.',
  },
  'guardian-consent': {
    "Guardian's consent to the stay abroad given":
      'Einwilligung der Erziehungsberechtigten in den Auslandsaufenthalt erteilt',
    'The participant is under 18 on the first day abroad: a parent or legal guardian confirms the stay through the link e-mailed to them.':
      'Die teilnehmende Person ist am ersten Tag im Ausland jünger als 18: Ein Elternteil oder der Vormund bestätigt den Aufenthalt über den per E-Mail geschickten Link.',
  },
  'mid-stay-review': {
    'Mid-stay review with the learner and the host mentor':
      'Zwischengespräch mit der oder dem Lernenden und der Betreuungsperson',
    'Half-way through a long stay: progress against the learning agreement, wellbeing, the second half of the programme; amend the agreement if needed (reference §3.3 #6, #8).':
      'In der Mitte eines langen Aufenthalts: Fortschritte gemessen an der Lernvereinbarung, Wohlbefinden, die zweite Hälfte des Programms; die Vereinbarung bei Bedarf anpassen (Referenz §3.3 #6, #8).',
  },
  'competition-registration': {
    'Competitors registered with the organiser': 'Teilnehmende beim Veranstalter angemeldet',
    "Within the organiser's deadline; keep the confirmation.":
      'Innerhalb der Frist des Veranstalters; die Bestätigung aufbewahren.',
  },
  'accompanying-staff-named': {
    'Accompanying staff named': 'Begleitpersonen benannt',
    'Skills competitions are for learners with accompanying staff (reference §1.3); the accompanying person is recorded on the mobility.':
      'Berufswettbewerbe sind für Lernende mit Begleitpersonen (Referenz §1.3); die Begleitperson wird bei der Mobilität erfasst.',
  },
  'accompanying-persons': {
    'Accompanying person(s) named for the group': 'Begleitperson(en) für die Gruppe benannt',
    'Group mobility is accompanied (reference §1.3): name the staff who travel with the group, for the whole stay.':
      'Gruppenmobilität wird begleitet (Referenz §1.3): die Personen benennen, die für den ganzen Aufenthalt mit der Gruppe reisen.',
  },
  'staff-eligibility-check': {
    'Eligibility and activity duration checked': 'Förderfähigkeit und Dauer der Aktivität geprüft',
    "Teacher, trainer, other expert or non-teaching staff employed by or regularly working for the sending organisation; duration within the activity type's limits.":
      'Lehrkraft, Ausbilderin oder Ausbilder, andere Fachkraft oder nicht lehrendes Personal, bei der entsendenden Einrichtung angestellt oder regelmäßig für sie tätig; Dauer innerhalb der Grenzen der Aktivitätsart.',
  },
  'travel-documents': {
    'Travel documents ready (ID, EHIC)': 'Reisedokumente bereit (Ausweis, EHIC)',
    'ID or passport and the European Health Insurance Card for health care within the EU.':
      'Personalausweis oder Reisepass und die Europäische Krankenversicherungskarte für die Gesundheitsversorgung in der EU.',
  },
  'knowledge-shared': {
    'What was learned shared with colleagues': 'Gelerntes mit Kolleginnen und Kollegen geteilt',
    'Erasmus quality standards ask organisations to share results inside the organisation (reference §1.4).':
      'Die Erasmus-Qualitätsstandards verlangen, dass Einrichtungen Ergebnisse intern teilen (Referenz §1.4).',
  },
  'teaching-materials-prepared': {
    'Teaching or training materials prepared': 'Lehr- oder Ausbildungsmaterial vorbereitet',
    'In the working language of the host; agreed with the contact person.':
      'In der Arbeitssprache der Aufnahmeeinrichtung; mit der Kontaktperson abgestimmt.',
  },
  'course-selected': {
    'Course chosen; course title and ESEP course ID recorded': 'Kurs ausgewählt; Kurstitel und ESEP-Kurs-ID erfasst',
    'The Beneficiary Module records the course title and its European School Education Platform (ESEP) ID (reference §6.4).':
      'Das Beneficiary Module erfasst den Kurstitel und seine ID auf der European School Education Platform (ESEP) (Referenz §6.4).',
  },
  'course-fees': {
    'Course fees agreed and paid (funded for at most 10 days)':
      'Kursgebühren vereinbart und bezahlt (höchstens 10 Tage gefördert)',
    'Course fees are a unit cost per day for at most 10 days per participant (reference §6.4); days beyond are not funded.':
      'Kursgebühren sind Stückkosten pro Tag für höchstens 10 Tage je teilnehmender Person (Referenz §6.4); weitere Tage werden nicht gefördert.',
  },
  'expert-identified': {
    'Expert identified; contribution agreed': 'Expertin bzw. Experte gefunden; Beitrag vereinbart',
    'What the expert brings to teaching or to the organisation, and to whom.':
      'Was die Expertin bzw. der Experte in den Unterricht oder die Einrichtung einbringt, und für wen.',
  },
  'welcome-prepared': {
    'Welcome, programme and accommodation prepared': 'Empfang, Programm und Unterkunft vorbereitet',
    'Who meets the participant, the timetable, rooms and access.':
      'Wer die Person empfängt, Zeitplan, Räume und Zugänge.',
  },
  'mentor-named': {
    'Our mentor for the educator named': 'Unsere Betreuungsperson für die pädagogische Fachkraft benannt',
    'A colleague who guides the educator in training through the stay.':
      'Eine Kollegin oder ein Kollege, die bzw. der die Fachkraft in Ausbildung durch den Aufenthalt begleitet.',
  },
  'training-feedback': {
    "Feedback on the educator's practice given": 'Rückmeldung zur Praxis der pädagogischen Fachkraft gegeben',
    'In the last days, for the training institution.': 'In den letzten Tagen, für die Ausbildungseinrichtung.',
  },
  'visit-purpose': {
    'Purpose of the visit and the mobilities it prepares recorded':
      'Zweck des Besuchs und die vorbereiteten Mobilitäten erfasst',
    'The BM asks for the purpose of each preparatory visit; it is made before the mobilities it prepares.':
      'Das BM fragt nach dem Zweck jedes vorbereitenden Besuchs; er findet vor den Mobilitäten statt, die er vorbereitet.',
  },
  'visit-meetings': {
    'Meetings held: arrangements, safety and learning outcomes agreed':
      'Treffen abgehalten: Absprachen, Sicherheit und Lernergebnisse vereinbart',
    'Administrative arrangements, the workplaces, mentors, health and safety of the participants to come.':
      'Organisatorische Absprachen, die Arbeitsplätze, Betreuungspersonen, Gesundheit und Sicherheit der künftigen Teilnehmenden.',
  },
  'visit-report': {
    'Visit report written for colleagues': 'Besuchsbericht für Kolleginnen und Kollegen geschrieben',
    'What was agreed and what the mobilities it prepares need.':
      'Was vereinbart wurde und was die vorbereiteten Mobilitäten brauchen.',
  },
  // A project's own tasks (the beneficiary's deadlines: project-lifecycle.ts).
  'interim-report-submitted': {
    'Interim report submitted in the Beneficiary Module': 'Zwischenbericht im Beneficiary Module eingereicht',
    'The grant agreement asks for an interim (progress) report by this date: fill it in the Reports tab of the Beneficiary Module and submit it.':
      'Die Finanzhilfevereinbarung verlangt bis zu diesem Datum einen Zwischenbericht (Fortschrittsbericht): im Reiter „Reports“ des Beneficiary Module ausfüllen und einreichen.',
  },
  'bm-mobilities-complete': {
    'All mobilities marked Complete in the Beneficiary Module':
      'Alle Mobilitäten im Beneficiary Module als „Complete“ markiert',
    'Draft mobilities are left out of the budget summary and block the final report: check actual dates, travel days and interruptions, then set every mobility to Complete.':
      'Mobilitäten im Entwurf fehlen in der Budgetübersicht und blockieren den Abschlussbericht: tatsächliche Termine, Reisetage und Unterbrechungen prüfen, dann jede Mobilität auf „Complete“ setzen.',
  },
  'bm-organisations-checked': {
    'Organisation and contact data checked in the Beneficiary Module':
      'Daten der Einrichtungen und Kontaktpersonen im Beneficiary Module geprüft',
    'Check the participating organisations and contact persons. Project dates and titles change only through an amendment with the National Agency.':
      'Die beteiligten Einrichtungen und Kontaktpersonen prüfen. Projekttermine und -titel ändern sich nur durch eine Vertragsänderung mit der Nationalen Agentur.',
  },
  'participant-reports-received': {
    'Participant reports received (or exclusion agreed with the NA)':
      'Teilnehmendenberichte eingegangen (oder Ausnahme mit der NA vereinbart)',
    'Every participant has submitted the EU Survey report; for a report that cannot come (e.g. force majeure), agree the exclusion with the National Agency.':
      'Alle Teilnehmenden haben den Bericht im EU Survey eingereicht; für einen Bericht, der nicht kommen kann (z. B. höhere Gewalt), die Ausnahme mit der Nationalen Agentur vereinbaren.',
  },
  'evidence-file-complete': {
    'Evidence file complete': 'Nachweisakte vollständig',
    'Learning agreements, certificates and Europass documents, attendance proofs, travel evidence with green-travel declarations, invoices for inclusion support and exceptional costs.':
      'Lernvereinbarungen, Bescheinigungen und Europass-Dokumente, Teilnahmenachweise, Reisenachweise mit Erklärungen zum umweltfreundlichen Reisen, Rechnungen für Inklusionsunterstützung und außergewöhnliche Kosten.',
  },
  'final-report-submitted': {
    'Final beneficiary report submitted in the Beneficiary Module':
      'Abschlussbericht im Beneficiary Module eingereicht',
    'Generate the final beneficiary report in the Reports tab, fill the narrative sections, attach the documents and have the legal representative submit it. Record the submission date here.':
      'Den Abschlussbericht im Reiter „Reports“ erzeugen, die Textteile ausfüllen, die Dokumente anhängen und von der gesetzlichen Vertretung einreichen lassen. Das Einreichungsdatum hier festhalten.',
  },
};

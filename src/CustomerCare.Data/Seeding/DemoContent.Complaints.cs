using CustomerCare.Data.Entities;

namespace CustomerCare.Data.Seeding;

internal static partial class DemoContent
{
    /// <summary>
    /// Complaints: most private, three made public by their authors. Some are answered, some wait for a first answer
    /// (the staff desk shows them), one is solved. Every one has the owner the portal gave it on filing, as a filed
    /// complaint does: the same person moves it to InProgress and is named in its "taking care" note, so the desk and
    /// the thread never show "nobody yet" beside a name.
    /// </summary>
    private static readonly DemoPost[] Complaints =
    [
        Complaint(35.23, "clara", "Jahresabrechnung: Zählerstand geschätzt, obwohl ich ihn gemeldet habe", """
            Meine Jahresabrechnung weist eine **Nachzahlung von 412,80 €** aus. Grundlage ist ein geschätzter Zählerstand, obwohl ich den Stand fristgerecht über die App gemeldet habe (mit Foto).

            Zählernummer: 1LOG0065123456
            Gemeldeter Stand: 48.213 kWh
            Geschätzter Stand: 49.870 kWh

            Bitte korrigieren Sie die Abrechnung.
            """) with
        {
            Mood = ComplaintMood.Disappointed,
            Owner = "anna",
            Steps = [new(34.2, PostStatus.InProgress, "anna", "Anna Berger kümmert sich um Ihr Anliegen.")],
            Replies =
            [
                new(34.1, "anna", "Liebe Frau Schmidt, danke für die genauen Angaben, und entschuldigen Sie bitte den Ärger. Ihre Meldung aus der App liegt uns vor, sie ist aber nicht in die Abrechnung übernommen worden. Ich lasse die Rechnung korrigieren und melde mich spätestens am Freitag."),
                new(33.9, "anna", "Meldung liegt im App-Backend vor, wurde vom Abrechnungslauf aber verworfen (Plausibilitätsprüfung?). Korrekturauftrag an die Abrechnung gestellt.", Internal: true),
                new(33.2, "julia", "Gutschrift freigegeben. Bitte den verworfenen Zählerstand an Jonas melden, das betrifft vermutlich mehr Kunden.", Internal: true),
                new(30.4, "clara", "Danke! Die Nachzahlung soll aber schon nächste Woche abgebucht werden. Können Sie die Abbuchung stoppen?")
                {
                    Answers = [new(30.1, "anna", "Ist erledigt: Die Abbuchung ist ausgesetzt, bis die korrigierte Rechnung da ist.")],
                },
                new(26.3, "anna", "Die korrigierte Rechnung ist unterwegs: Statt einer Nachzahlung erhalten Sie eine **Gutschrift von 37,20 €**. Geben Sie gern Bescheid, ob alles passt; dann können Sie Ihr Anliegen als gelöst markieren."),
            ],
        },

        Complaint(14.57, "klaus", "Glasfaser seit drei Tagen ausgefallen (Lindenstraße)", """
            Seit Samstagmorgen haben wir **kein Internet und kein Telefon**. Die Glasfaserbox zeigt eine rote LOS-Lampe, und bei der Hotline kommt nur die Ansage „Bekannte Störung“.

            Ich bin auf das Festnetztelefon angewiesen, unser Hausnotruf läuft darüber. Wann geht es wieder?
            """) with
        {
            Mood = ComplaintMood.Angry,
            Owner = "mehmet",
            IsPublic = true,
            Steps = [new(13.9, PostStatus.InProgress, "mehmet", "Mehmet Yılmaz kümmert sich um Ihr Anliegen.")],
            Replies =
            [
                new(13.8, "mehmet", "Guten Tag Herr Meier, danke für Ihre Meldung, und entschuldigen Sie die Umstände. In der Lindenstraße wurde bei Tiefbauarbeiten ein Glasfaserkabel beschädigt; die Reparatur läuft. Weil Ihr Hausnotruf am Telefon hängt, schicken wir Ihnen heute noch **kostenlos einen LTE-Router** als Ersatz."),
                new(13.7, "mehmet", "LTE-Router per Kurier veranlasst. Hausnotruf über Festnetz: bitte bevorzugt behandeln, falls er sich noch einmal meldet.", Internal: true),
                new(13.5, "hannah", "Bei uns weiter oben in der Lindenstraße genau dasselbe. Danke für die Information!")
                {
                    Answers = [new(13.4, "klaus", "Danke, Frau Schulz. Dann sind wir wenigstens nicht allein.")],
                },
                new(13.1, "marco", "Same here in Lindenstraße. Thanks for the update, Mehmet."),
                new(11.5, "klaus", "Der Router ist angekommen, das Telefon geht wieder. Vielen Dank, Herr Yılmaz!")
                {
                    Answers = [new(11.4, "mehmet", "Sehr gern, Herr Meier! Sobald die Leitung repariert ist, melde ich mich hier.")],
                },
                new(10.2, "mehmet", "Update: Die Leitung ist repariert, alle Anschlüsse in der Lindenstraße sind wieder online. Den LTE-Router können Sie behalten, bis Sie sicher sind, dass alles stabil läuft."),
            ],
        },

        Complaint(60.35, "emily", "Technician did not turn up for my fibre installation", """
            I took a day off work for the fibre installation (appointment between 8 am and 4 pm). Nobody came and nobody called. When I rang the hotline at 4:30 pm I was told the appointment had been "rescheduled internally".

            I would like:

            1. a new appointment **with a fixed time window**
            2. compensation for the lost day off
            """) with
        {
            Mood = ComplaintMood.Angry,
            Owner = "julia",
            Steps = [new(59.6, PostStatus.InProgress, "julia", "Julia Hoffmann is taking care of this.")],
            Replies =
            [
                new(59.5, "julia", "Dear Ms Carter, I am very sorry, that should not have happened. Our installation partner cancelled the appointment without telling you. I have booked the first slot next Tuesday, **8 to 10 am**, and credited **€50** to your account for the lost day."),
                new(59.4, "julia", "Installationspartner hat diese Woche zum zweiten Mal ohne Info abgesagt. Eskalation an den Einkauf.", Internal: true),
                new(58.2, "emily", "Thank you, Julia. Tuesday works for me."),
                new(53.3, "emily", "The technician came on time and everything works. The fibre is fast! The €50 have not shown up yet, though.")
                {
                    Answers = [new(52.8, "julia", "Great to hear! The credit will appear on your next bill; I have checked that it is booked.")],
                },
            ],
        },

        Complaint(2.13, "raj", "Monthly payment debited twice", """
            This month the monthly payment of €86 was **debited twice** from my account, on the same day and with the same reference.

            Please refund the second debit and let me know how this happened.
            """) with { Mood = ComplaintMood.Angry, Owner = "julia" },

        Complaint(3.13, "ben", "Umzug: Glasfaser an der neuen Adresse nicht aktiv", """
            Ich bin neu bei Lindenhof und zum Monatsanfang in die Gartenstraße 7 in Lindenau gezogen. Strom läuft, aber **der Glasfaseranschluss ist noch nicht aktiv**, obwohl er mir zum Einzug bestätigt wurde.

            Ich arbeite im Homeoffice und brauche dringend Internet.

            Auftragsnummer: U-2291-4410
            """) with
        {
            Mood = ComplaintMood.Unsure,
            Owner = "mehmet",
            Replies = [new(2.6, "mehmet", "Der Port in der Gartenstraße 7 ist noch dem Vormieter zugeordnet. Rückfrage beim Netzbetrieb läuft; dem Kunden noch nicht geantwortet, bitte heute noch melden.", Internal: true)],
        },

        Complaint(20.44, "petra", "Smart Meter eingebaut, aber die App zeigt keine Daten", """
            Vor drei Wochen wurde bei uns ein intelligentes Messsystem eingebaut. In der App steht seitdem unter Verbrauch nur „Keine Daten verfügbar“.

            Ich habe die App neu installiert und mich ab- und wieder angemeldet, ohne Erfolg.
            """) with
        {
            Mood = ComplaintMood.Unsure,
            Owner = "mehmet",
            Steps = [new(19.3, PostStatus.InProgress, "mehmet", "Mehmet Yılmaz kümmert sich um Ihr Anliegen.")],
            Replies =
            [
                new(19.2, "mehmet", "Hallo Frau Wagner, danke für den Hinweis. Das liegt nicht an Ihrem Telefon: Der neue Zähler muss erst Ihrem Vertrag zugeordnet werden. Ich habe das angestoßen und melde mich, sobald die Daten ankommen."),
                new(18.1, "sabine", "Gateway-ID fehlte in der Zuordnung, der Import des Messstellenbetreibers war unvollständig. Nachgetragen; betrifft 14 weitere Kunden, Ticket IT-4471.", Internal: true),
                new(15.3, "petra", "Jetzt sehe ich die Werte seit gestern. Aber die Tage davor fehlen. Kommen die noch?")
                {
                    Answers = [new(14.8, "mehmet", "Ja, der Messstellenbetreiber liefert die fehlenden Tage nach; das kann bis zu einer Woche dauern.")],
                },
            ],
        },

        Complaint(45.09, "marco", "Waiting more than 45 minutes on the hotline", """
            Three times this week I waited **more than 45 minutes** on the hotline and then gave up. There was no callback option and no information about how long the wait would be.

            I understand that some days are busy, but this is too much. Is anything being done about it?
            """) with
        {
            Mood = ComplaintMood.Disappointed,
            Owner = "julia",
            IsPublic = true,
            Steps = [new(44.6, PostStatus.InProgress, "julia", "Julia Hoffmann is taking care of this.")],
            Replies =
            [
                new(44.5, "julia", """
                    Dear Mr Rossi, you are right, and I am sorry. After the price change letters went out we had three times the usual number of calls. What we are doing:

                    - a **callback option** on the hotline from next week
                    - two more colleagues on the phone from the start of next month
                    - answers to the most common questions about the letter in the FAQ
                    """),
                new(44.1, "ingrid", "Kann ich bestätigen. Ich habe nach 50 Minuten aufgelegt."),
                new(43.2, "aylin", "Der Rückruf wäre super, danke!"),
                new(30.3, "marco", "Tried the callback option today: they called back within 20 minutes. Much better, thanks.")
                {
                    Answers = [new(29.9, "julia", "Thank you for letting us know, Mr Rossi!")],
                },
            ],
        },

        Complaint(100.36, "daniel", "Abschlag nach Preisanpassung verdoppelt", """
            Nach der Preisanpassung ist mein monatlicher Abschlag für Gas von 78 € auf **159 €** gestiegen. Die Preise sind aber nur um etwa 12 % gestiegen. Das kann doch nicht stimmen?
            """) with
        {
            Mood = ComplaintMood.Angry,
            Owner = "anna",
            Steps =
            [
                new(99.3, PostStatus.InProgress, "anna", "Anna Berger kümmert sich um Ihr Anliegen."),
                new(95.8, PostStatus.Solved, "daniel", "Danke, passt jetzt!"),
            ],
            Replies =
            [
                new(99.2, "anna", "Hallo Herr Fischer, da ist tatsächlich etwas schiefgelaufen: Bei der Neuberechnung wurde Ihr Verbrauch nach dem Zählerwechsel doppelt angesetzt. Ich habe den Abschlag auf **87 €** korrigiert; die neue Übersicht kommt per Post."),
                new(96.1, "daniel", "Super, der neue Abschlagsplan ist da. Danke für die schnelle Hilfe!"),
            ],
        },

        Complaint(9.27, "sophie", "Welcome bonus for fibre not credited", """
            When I added fibre to my contract, the offer promised a **€100 welcome bonus on the first bill**. The first bill has arrived and the bonus is missing.
            """) with
        {
            Mood = ComplaintMood.Disappointed,
            Owner = "anna",
            Steps = [new(8.6, PostStatus.InProgress, "anna", "Anna Berger is taking care of this.")],
            Replies =
            [
                new(8.5, "anna", "Hi Sophie, thanks for getting in touch. For fibre contracts the bonus comes with the **second** bill. I know the offer page is not clear about that, and I have asked for it to be fixed. The €100 are noted on your account."),
                new(4.2, "sophie", "Thanks, Anna, but the offer I signed clearly says \"first bill\". I have sent you the PDF by email. Could you check again?"),
                new(3.6, "anna", "Angebots-PDF beim Vertrieb angefordert; die alte Fassung sagte tatsächlich „erste Rechnung“.", Internal: true),
            ],
        },

        Complaint(25.08, "aylin", "Preisänderungsschreiben ist unverständlich", """
            Ich habe das Schreiben zur Preisanpassung dreimal gelesen und verstehe immer noch nicht, **wie viel ich künftig im Monat mehr zahle**. Da stehen Arbeitspreise, Grundpreise, Netzentgelte und Umlagen, aber keine einfache Zahl.

            Bitte schreiben Sie doch ganz oben hin: „Für Sie bedeutet das: etwa X € mehr im Monat.“
            """) with
        {
            Mood = ComplaintMood.Unsure,
            Owner = "julia",
            IsPublic = true,
            Steps = [new(24.6, PostStatus.InProgress, "julia", "Julia Hoffmann kümmert sich um Ihr Anliegen.")],
            Replies =
            [
                new(24.5, "julia", "Liebe Frau Demir, danke für die klaren Worte, Sie haben recht. Ihre persönliche Rechnung habe ich Ihnen per E-Mail geschickt. Für die nächsten Schreiben nehmen wir Ihren Vorschlag auf: Die Veränderung in Euro pro Monat steht künftig ganz oben."),
                new(23.3, "petra", "Danke! Mir ging es genauso."),
                new(22.2, "klaus", "Ein Rechenbeispiel wie in der Zeitung, etwa für einen Haushalt mit 2.500 kWh, würde auch helfen.")
                {
                    Answers = [new(21.7, "julia", "Gute Idee, Herr Meier, das gebe ich weiter.")],
                },
            ],
        },

        Complaint(1.29, "olena", "App crashes when I open the invoice PDF", """
            Since the last update the app closes as soon as I tap **Show invoice**.

            Phone: Pixel 7, Android 15, app version 3.4. Reinstalling did not help.
            """) with { Mood = ComplaintMood.Hopeful, Owner = "anna" },
    ];
}

using CustomerCare.Data.Entities;

namespace CustomerCare.Data.Seeding;

internal static partial class DemoContent
{
    /// <summary>Ideas on the roadmap: Planned or InProgress.</summary>
    private static readonly DemoPost[] RoadmapIdeas =
    [
        Idea(150.23, "clara", "Erinnerung an die Zählerablesung per Push", "app", """
            Jedes Jahr verpasse ich die Frist für die Zählerablesung, und dann wird **geschätzt**, mit den bekannten Folgen für die Abrechnung.

            Mein Vorschlag: eine Push-Nachricht in der App ein paar Tage, bevor der Zählerstand fällig ist, mit einem Link direkt zur Eingabe (oder zum Foto).
            """) with
        {
            Votes = 9,
            Steps =
            [
                new(140.56, PostStatus.UnderReview, ProductOwner, "Danke, Frau Schmidt! Das passt gut zur Zählererfassung per Foto."),
                new(100.58, PostStatus.Planned, ProductOwner, "Eingeplant für **App 3.5**, zusammen mit den neuen Benachrichtigungseinstellungen."),
            ],
            Replies =
            [
                new(145.3, "petra", "Oh ja, bitte! Mir geht es genauso."),
                new(99.6, "jonas", "Kleiner Ausblick: Sie werden einstellen können, wie viele Tage vorher die Erinnerung kommt.")
                {
                    Answers = [new(98.9, "clara", "Klingt super, danke!")],
                },
            ],
        },

        Idea(300.38, "lukas", "Dynamischer Stromtarif mit stündlichen Börsenpreisen", "tariffs", """
            Mit Smart Meter und E-Auto würde ich gern einen **dynamischen Tarif** nutzen, bei dem der Preis stündlich dem Börsenstrompreis folgt.

            Wichtig wäre mir:

            1. die Preise für den nächsten Tag in der App (sie stehen ab etwa 14 Uhr fest)
            2. eine Benachrichtigung bei besonders günstigen Stunden
            3. eine ehrliche Monatsübersicht: Was hätte ich im Festpreistarif bezahlt?
            """) with
        {
            Votes = 11,
            Steps =
            [
                new(290.39, PostStatus.UnderReview, ProductOwner, "Spannendes Thema. Wir rechnen durch, für wen sich das lohnt."),
                new(210.07, PostStatus.Planned, ProductOwner, "Wir werden den Tarif **Lindenhof Flex** anbieten. Voraussetzung ist ein intelligentes Messsystem; der Start ist für die nächste Tarifrunde geplant."),
            ],
            Replies =
            [
                new(295.1, "sophie", "This would be great for charging the car!"),
                new(280.4, "daniel", "Bitte mit Preisobergrenze, sonst wird der Winter teuer.")
                {
                    Answers = [new(279.7, "lukas", "Ein Deckel wäre fair, ja.")],
                },
                new(205.2, "jonas", "Zu Ihren Fragen: Die Preise für den nächsten Tag zeigen wir in der App, die Monatsübersicht mit Vergleich ist fest eingeplant. Eine Preisobergrenze prüfen wir noch."),
            ],
        },

        Idea(110.29, "olena", "Bills and contract documents in English", "billing", """
            I moved here for work and my German is still basic. The app is available in English, but **bills, price change letters and contracts** only come in German, so I translate every letter with my phone.

            Could you offer English versions, at least of the bill summary and the price change letters?
            """) with
        {
            Votes = 8,
            Steps =
            [
                new(100.58, PostStatus.UnderReview, ProductOwner),
                new(80.4, PostStatus.Planned, ProductOwner, "Planned: the bill summary and price change letters will be available in English in the customer portal. The legally binding version stays German."),
            ],
            Replies =
            [
                new(108.2, "emily", "Seconded. I have lived here for years and price change letters still defeat me."),
                new(105.6, "anna", "Hi Olena, until then: just write to us here about any letter and we will explain it in English. Happy to help!")
                {
                    Answers = [new(104.9, "olena", "That's very kind, thank you, Anna!")],
                },
            ],
        },

        Idea(260.48, "ingrid", "Strom, Gas und Glasfaser auf einer Rechnung", "billing", """
            Wir haben drei Verträge bei Lindenhof und bekommen drei Rechnungen, drei Abschläge und drei Kundennummern.

            Eine **gemeinsame Monatsübersicht** mit einem einzigen Abbuchungsbetrag würde vieles einfacher machen.
            """) with
        {
            Votes = 9,
            Steps =
            [
                new(240.17, PostStatus.UnderReview, ProductOwner),
                new(180.55, PostStatus.Planned, ProductOwner, "Kommt mit der Umstellung auf das neue Abrechnungssystem: ein Kundenkonto, eine Abbuchung."),
            ],
            Replies =
            [
                new(250.3, "klaus", "Dem schließe ich mich an."),
                new(245.8, "petra", "Und bitte eine Kundennummer für alles!"),
            ],
        },

        Idea(150.5, "raj", "Export my consumption data as CSV", "portal", """
            I like to analyse our consumption in a spreadsheet. At the moment I can only download the bill as a PDF.

            Please add an **export as CSV** (date, meter reading, kWh) for electricity and gas, ideally with hourly values once the smart meter is installed.
            """) with
        {
            Votes = 5,
            Steps =
            [
                new(140.2, PostStatus.UnderReview, ProductOwner),
                new(120.19, PostStatus.Planned, ProductOwner, "Planned for **customer portal 5.2**: CSV export of daily values. Hourly values follow with the consumption-per-hour view."),
            ],
            Replies =
            [
                new(148.3, "lukas", "Bitte mit Semikolon als Trennzeichen, dann klappt es auch im deutschen Excel.")
                {
                    Answers = [new(147.6, "raj", "Good point. Or just let us choose.")],
                },
            ],
        },

        Idea(230.1, "hannah", "Barrierefreie App: größere Schrift und Screenreader", "app", """
            Meine Mutter ist seit Jahrzehnten Kundin und möchte ihre Abrechnung selbst in der App lesen. Leider:

            - ignoriert die App die **Schriftgröße** des Telefons
            - liest VoiceOver viele Knöpfe nur als „Taste“ vor
            - sind graue Texte auf weißem Grund kaum zu erkennen

            Barrierefreiheit ist inzwischen auch gesetzlich vorgeschrieben (Barrierefreiheitsstärkungsgesetz).
            """) with
        {
            Votes = 6,
            Steps =
            [
                new(220.19, PostStatus.UnderReview, ProductOwner, "Danke für die konkreten Punkte!"),
                new(170.27, PostStatus.Planned, ProductOwner, "Wir lassen die App extern nach WCAG 2.1 AA prüfen und beheben die Befunde mit **App 3.5**."),
            ],
            Replies =
            [
                new(225.4, "emily", "Same for my dad. Support for the phone's text size would make a huge difference."),
                new(168.3, "jonas", "Kurzes Update: Die Prüfung ist beauftragt, die ersten Korrekturen (Schriftgröße, Kontraste) sind schon umgesetzt und kommen mit 3.5."),
            ],
        },

        Idea(420.35, "emily", "Show my consumption per hour", "app", """
            We got a smart meter last year, but the app still only shows **monthly** values. The meter records every 15 minutes, so the data must be somewhere!

            An hourly view would help us to:

            - see what the heat pump really uses at night
            - find the devices that run when nobody is home
            - decide whether a dynamic tariff would pay off
            """) with
        {
            Votes = 13,
            Steps =
            [
                new(410.26, PostStatus.UnderReview, ProductOwner, "Thanks, Emily! The data is indeed there; we are checking how to get it from the metering operator into the app."),
                new(330.27, PostStatus.Planned, ProductOwner, "Planned: an hourly view for every customer with a smart meter."),
                new(45.3, PostStatus.InProgress, ProductOwner, "We are building it now. A beta for a few customers starts in some weeks."),
            ],
            Replies =
            [
                new(415.2, "raj", "Yes please! Also for gas?")
                {
                    Answers = [new(414.6, "emily", "As far as I know, gas meters here are not smart yet.")],
                },
                new(400.4, "lukas", "Für die Wärmepumpe wäre das Gold wert."),
                new(44.2, "jonas", "Beta testers wanted: reply here if you have a smart meter and would like to try the hourly view first.")
                {
                    Answers =
                    [
                        new(43.8, "emily", "Count me in!"),
                        new(42.5, "petra", "Ich auch, sehr gern!"),
                    ],
                },
            ],
        },

        Idea(360.36, "daniel", "Störungskarte für Strom und Glasfaser", "network", """
            Bei der letzten Glasfaserstörung wusste niemand, ob nur unser Haus oder der ganze Ort betroffen ist. Die Hotline war dauerhaft besetzt.

            **Idee:** eine öffentliche Störungskarte auf der Website und in der App mit

            - den betroffenen Gebieten für Strom, Gas und Glasfaser
            - der Ursache (soweit bekannt) und der voraussichtlichen Behebung
            - der Möglichkeit, eine Störung zu melden, die noch nicht auf der Karte steht
            """) with
        {
            Votes = 11,
            Steps =
            [
                new(350.31, PostStatus.UnderReview, ProductOwner),
                new(250.28, PostStatus.Planned, ProductOwner, "Eingeplant: Wir bauen die Störungskarte gemeinsam mit dem Netzbetrieb."),
                new(30.37, PostStatus.InProgress, ProductOwner, "In Arbeit! Glasfaser kommt zuerst, Strom und Gas folgen."),
            ],
            Replies =
            [
                new(340.3, "marco", "Would be so useful. During the last outage I only found out from the neighbours' WhatsApp group."),
                new(335.1, "mehmet", "Hallo Herr Fischer, bis die Karte fertig ist, veröffentlichen wir größere Störungen auf der Startseite des Kundenportals."),
                new(12.4, "klaus", "Letzte Woche hätte ich die Karte gut brauchen können. Wann ist es so weit?")
                {
                    Answers = [new(11.6, "jonas", "Herr Meier, wir rechnen mit den nächsten Wochen. Die Glasfaser-Ansicht läuft intern schon im Test.")],
                },
            ],
        },

        Idea(210.36, "daniel", "Techniker-Termine online buchen und verschieben", "service", """
            Für den Glasfaseranschluss musste ich für einen Technikertermin **einen ganzen Tag** Urlaub nehmen („zwischen 8 und 16 Uhr“). Verschieben ging nur über die Hotline.

            Wunsch: Termine im Portal selbst wählen und verschieben, mit einem Zwei-Stunden-Fenster und einer SMS, wenn der Techniker losfährt.
            """) with
        {
            Votes = 10,
            Steps =
            [
                new(200.22, PostStatus.UnderReview, ProductOwner),
                new(150.56, PostStatus.Planned, ProductOwner, "Eingeplant, gemeinsam mit unserem Installationspartner."),
                new(60.48, PostStatus.InProgress, ProductOwner, "Die Buchung ist in Arbeit. Das Zwei-Stunden-Fenster testen wir gerade in Lindenau."),
            ],
            Replies =
            [
                new(205.6, "emily", "Yes please. Waiting at home all day for a technician is the worst."),
                new(190.2, "ingrid", "Für Gewerbekunden wäre ein Termin vor Geschäftsöffnung toll."),
            ],
        },
    ];
}

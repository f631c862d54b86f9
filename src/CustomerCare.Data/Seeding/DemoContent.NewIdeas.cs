using CustomerCare.Data.Entities;

namespace CustomerCare.Data.Seeding;

internal static partial class DemoContent
{
    /// <summary>Ideas still Open or UnderReview.</summary>
    private static readonly DemoPost[] NewIdeas =
    [
        Idea(21.09, "marco", "Push notification when a fibre outage is fixed", "network", """
            When our fibre went down recently I kept refreshing the status page on my phone (over mobile data, of course).

            It would be great if the app could:

            - notify me when an outage **in my area** is detected
            - tell me the estimated repair time
            - send a second push when it is **fixed**

            That alone would save a lot of calls to the hotline.
            """) with
        {
            Votes = 6,
            Replies =
            [
                new(19.6, "klaus", "Gute Idee! Bei der Störung in der Lindenstraße hätte mir das viele Anrufe erspart.")
                {
                    Answers = [new(19.2, "marco", "Same here, Klaus. We were in the dark for two days.")],
                },
                new(18.1, "anna", "Thanks, Marco! I have passed this on to our product team together with the outage map idea; the two fit together nicely."),
            ],
        },

        Idea(95.08, "aylin", "Herkunft unseres Ökostroms transparent zeigen", "tariffs", """
            Ich beziehe seit Jahren den Tarif **Lindenhof Natur**. Mich würde interessieren, *woher* der Strom eigentlich kommt.

            Schön wäre eine Seite im Kundenportal mit:

            1. den Anlagen (Wind, Sonne, Wasser) und ihrem Anteil
            2. wie viel davon aus unserer Region stammt
            3. den Herkunftsnachweisen, wie sie das [Umweltbundesamt](https://www.umweltbundesamt.de) führt

            Das würde Vertrauen schaffen, gerade jetzt, wo alle von „Greenwashing“ reden.
            """) with
        {
            Votes = 5,
            Replies =
            [
                new(90.3, "hannah", "Gern auch mit einer Karte der Anlagen im Landkreis. Der Windpark bei Grünau gehört doch zu Lindenhof, oder?")
                {
                    Answers = [new(88.7, "jonas", "Richtig, Frau Schulz: Der Windpark Grünau liefert etwa ein Fünftel unseres Ökostroms. Wir sammeln gerade, welche Daten wir zuverlässig veröffentlichen können.")],
                },
            ],
        },

        Idea(40.13, "raj", "Referral bonus for recommending Lindenhof", "tariffs", """
            I have already convinced two neighbours to switch to Lindenhof fibre. Other providers give **both sides** a bonus for a referral, for example a credit on the next bill.

            Suggestion:

            - a personal referral link in the app
            - a credit for me and for the new customer once the contract starts
            - an overview of who signed up through my link
            """) with
        {
            Votes = 2,
            Replies = [new(38.4, "lukas", "Würde ich sofort nutzen. Gern auch als Spende an den Sportverein statt als Gutschrift.")],
        },

        Idea(130.1, "hannah", "Verbrauch mit ähnlichen Haushalten vergleichen", "app", """
            In der Jahresabrechnung steht nur mein eigener Verbrauch. Ob 3.100 kWh für einen Vier-Personen-Haushalt mit Gastherme viel oder wenig sind, weiß ich nicht.

            **Vorschlag:** ein anonymer Vergleich mit ähnlichen Haushalten (Personen, Wohnfläche, Heizungsart) im Kundenportal, zum Beispiel „Sie verbrauchen 12 % weniger als vergleichbare Haushalte“.

            Dazu gern ein paar konkrete Spartipps, die zu meinem Haushalt passen.
            """) with
        {
            Votes = 4,
            Replies =
            [
                new(125.2, "petra", "Den Stromspiegel gibt es ja schon im Netz, aber direkt im Portal wäre es viel bequemer."),
                new(120.5, "olena", "+1, but please make it opt-in. I would not want my data compared without being asked.")
                {
                    Answers = [new(119.8, "hannah", "Klar, nur freiwillig und anonym!")],
                },
            ],
        },

        Idea(6.13, "ben", "Zählerstände beim Einzug direkt in der App melden", "app", """
            Ich bin neu bei Lindenhof und gerade umgezogen. Die Zählerstände der neuen Wohnung musste ich per Formular **und** noch einmal per E-Mail schicken.

            Schöner wäre ein Umzugsassistent in der App: Einzugsdatum eingeben, Zähler fotografieren, fertig.
            """),

        Idea(70.27, "sophie", "Home screen widget with today's consumption", "app", """
            I check the app every evening to see how much electricity we used. A **home screen widget** for iOS and Android would turn three taps into a glance:

            - today's kWh and the cost so far
            - a small bar chart of the last 7 days
            """) with
        {
            Votes = 3,
            Replies = [new(66.3, "raj", "Would love this. It needs hourly data first, though; see the idea about consumption per hour.")],
        },

        Idea(55.57, "klaus", "Chat mit echten Menschen statt nur mit dem Bot", "service", """
            Ich bin seit über fünfzehn Jahren Kunde und habe immer gern mit Ihren Leuten telefoniert. Der neue Chat im Portal beginnt aber immer mit dem Bot, und nach drei Fragen lande ich wieder am Anfang.

            Bitte:

            - einen Knopf **„Mit einem Menschen sprechen“** gleich zu Beginn
            - anzeigen, wie lange man ungefähr warten muss
            - den Verlauf behalten, wenn der Chat an eine Kollegin übergeben wird
            """) with
        {
            Votes = 12,
            Steps = [new(49.5, PostStatus.UnderReview, ProductOwner, "Wir prüfen, wie wir die Übergabe an einen Menschen und die Wartezeit im Chat sichtbar machen.")],
            Replies =
            [
                new(54.6, "ingrid", "Genau so geht es mir auch. Der Bot versteht keine einzige Frage zu meinem Gewerbevertrag."),
                new(52.2, "julia", "Lieber Herr Meier, danke für die offenen Worte. Schon heute leitet der Bot sofort weiter, wenn Sie „Mitarbeiter“ schreiben. Die Wartezeit-Anzeige schauen wir uns mit dem Produktteam an.")
                {
                    Answers = [new(51.4, "klaus", "Danke, Frau Hoffmann. Das mit dem Stichwort wusste ich nicht. Hat gerade funktioniert!")],
                },
            ],
        },

        Idea(160.48, "ingrid", "E-Rechnung (ZUGFeRD oder XRechnung) für Gewerbekunden", "billing", """
            Ich führe eine kleine Tischlerei und beziehe Strom und Glasfaser über einen Gewerbevertrag. Seit der **E-Rechnungspflicht** muss mein Steuerbüro Ihre PDF-Rechnungen von Hand erfassen.

            Bitte bieten Sie die Rechnung zusätzlich als **ZUGFeRD** oder **XRechnung** an, idealerweise automatisch an eine eigene Adresse für die Buchhaltung.

            Hintergrund: [E-Rechnung beim Bundesfinanzministerium](https://www.bundesfinanzministerium.de)
            """) with
        {
            Votes = 4,
            Steps = [new(150.56, PostStatus.UnderReview, ProductOwner, "Wir klären mit der Abrechnung, welches Format wir zuerst unterstützen.")],
            Replies =
            [
                new(155.5, "daniel", "Auch für Vermieter mit Allgemeinstrom im Treppenhaus interessant."),
                new(148.6, "jonas", "Kurzer Zwischenstand: ZUGFeRD bekommen wir mit dem nächsten Update des Abrechnungssystems beinahe geschenkt. Wir melden uns hier, sobald es einen Termin gibt."),
            ],
        },

        Idea(200.27, "sophie", "Special tariff for charging an electric car at home", "tariffs", """
            We got an electric car this year and charge it overnight with a wallbox. Many suppliers offer a **separate, cheaper tariff for the wallbox** (with its own meter) or a night rate.

            Would Lindenhof consider an EV tariff? Bonus points if the app showed how much the car costs us per month.
            """) with
        {
            Votes = 7,
            Steps = [new(185.13, PostStatus.UnderReview, ProductOwner, "Thanks, Sophie! We are looking at this together with the dynamic tariff; the two may well become one product.")],
            Replies =
            [
                new(195.4, "lukas", "Mit einem dynamischen Tarif könnte man das Auto genau dann laden, wenn der Strom günstig ist.")
                {
                    Answers = [new(194.9, "sophie", "Exactly, that would be perfect.")],
                },
                new(190.2, "marco", "Don't forget the reduced grid fees for controllable wallboxes (§ 14a EnWG). Our installer mentioned them."),
            ],
        },

        Idea(75.38, "lukas", "Balkonkraftwerk direkt im Kundenportal anmelden", "portal", """
            Seit ein paar Wochen hängt ein Balkonkraftwerk (800 W) an meinem Geländer. Die Anmeldung im [Marktstammdatenregister](https://www.marktstammdatenregister.de) habe ich geschafft, aber was muss ich Ihnen als Lieferant eigentlich mitteilen?

            Wunsch:

            - eine kurze Anleitung im Portal
            - ein Formular, in dem ich die Anlage angebe
            - später die **Einspeisung** in der Verbrauchsübersicht sehen
            """) with
        {
            Votes = 10,
            Steps = [new(60.48, PostStatus.UnderReview, ProductOwner, "Wir prüfen mit dem Netzbetreiber, was wir direkt im Portal abbilden können.")],
            Replies =
            [
                new(72.3, "anna", "Hallo Herr Braun, als Lieferant brauchen wir keine eigene Meldung, das läuft über den Netzbetreiber. Eine Anleitung im Portal nehmen wir aber gern mit auf!")
                {
                    Answers = [new(70.8, "hannah", "Die Anleitung wäre Gold wert. Ich war bei unserem auch unsicher.")],
                },
            ],
        },
    ];
}

using CustomerCare.Data.Entities;

namespace CustomerCare.Data.Seeding;

internal static partial class DemoContent
{
    /// <summary>Ideas that are done: Shipped (with the release that brought them) or Declined (with the reason).</summary>
    private static readonly DemoPost[] ClosedIdeas =
    [
        Idea(500.57, "klaus", "Zählerstand per Foto in der App erfassen", "app", """
            Das Ablesen und Abtippen von Zählernummer und Zählerstand ist fehleranfällig, gerade bei den alten Drehstromzählern im dunklen Keller.

            Andere Anbieter machen das längst: **Foto machen, die App erkennt Zählernummer und Stand**, ich bestätige nur noch. Das würde auch viele Schätzungen vermeiden.
            """) with
        {
            Votes = 13,
            Steps =
            [
                new(490.26, PostStatus.UnderReview, ProductOwner, "Gute Idee, wir prüfen die Texterkennung."),
                new(420.25, PostStatus.Planned, ProductOwner, "Eingeplant für App 3.2."),
                new(300.4, PostStatus.InProgress, ProductOwner, "In Entwicklung; bei unseren Testzählern klappt die Erkennung schon gut."),
                new(75.51, PostStatus.Shipped, ProductOwner, "Ausgeliefert mit **App 3.2**: Zählerstand fotografieren, prüfen, absenden. Danke an alle, die getestet haben!", "App 3.2"),
            ],
            Replies =
            [
                new(495.3, "petra", "Ja! Unser Zähler hängt hinter der Kellertür, das Abschreiben ist jedes Mal ein Krampf."),
                new(480.6, "aylin", "Bitte auch für Gaszähler.")
                {
                    Answers = [new(478.2, "jonas", "Ist vorgesehen, Frau Demir: Strom und Gas.")],
                },
                new(70.4, "klaus", "Gleich ausprobiert, klappt prima. Vielen Dank!")
                {
                    Answers = [new(69.9, "anna", "Das freut uns sehr, Herr Meier!")],
                },
            ],
        },

        Idea(380.44, "petra", "Abschlag im Portal selbst anpassen", "portal", """
            Wir haben seit Kurzem eine Solaranlage und brauchen deutlich weniger Netzstrom. Um den monatlichen Abschlag anzupassen, musste ich trotzdem bei der Hotline anrufen.

            Bitte im Kundenportal:

            - den Abschlag **selbst** anpassen (innerhalb sinnvoller Grenzen)
            - eine Empfehlung auf Basis des bisherigen Verbrauchs anzeigen
            """) with
        {
            Votes = 12,
            Steps =
            [
                new(370.35, PostStatus.UnderReview, ProductOwner),
                new(300.5, PostStatus.Planned, ProductOwner, "Eingeplant für das Kundenportal."),
                new(150.7, PostStatus.InProgress, ProductOwner),
                new(40.18, PostStatus.Shipped, ProductOwner, "Ausgeliefert mit **Kundenportal 5.1**: Abschlag anpassen, mit Empfehlung. Änderungen gelten ab der nächsten Abbuchung.", "Portal 5.1"),
            ],
            Replies =
            [
                new(375.2, "daniel", "Wichtig! Gerade nach Preisänderungen."),
                new(38.3, "ingrid", "Gerade ausprobiert, funktioniert. Danke!") { EditedDaysAgo = 38.2 },
            ],
        },

        Idea(260.5, "emily", "Let me choose the day my monthly payment is debited", "billing", """
            My salary arrives on the 25th, but the monthly payment is debited on the 1st, right after rent and everything else.

            Could we pick the debit date ourselves, for example the **1st, 15th or 28th**?
            """) with
        {
            Votes = 8,
            Steps =
            [
                new(250.28, PostStatus.UnderReview, ProductOwner),
                new(200.3, PostStatus.Planned, ProductOwner, "Planned together with the self-service payment adjustment."),
                new(120.4, PostStatus.InProgress, ProductOwner),
                new(40.1, PostStatus.Shipped, ProductOwner, "Shipped with **customer portal 5.1**: choose the 1st, 15th or 28th under *My contract*.", "Portal 5.1"),
            ],
            Replies =
            [
                new(255.7, "olena", "Yes, the 1st is terrible for me too."),
                new(245.3, "anna", "Hi Emily, until this is built you can simply ask us to move the date: send us a message and we will change it for you."),
            ],
        },

        Idea(330.08, "aylin", "Zwei-Faktor-Anmeldung für das Kundenportal", "portal", """
            Im Kundenportal stehen meine Bankverbindung und mein Verbrauch. Trotzdem reicht zum Anmelden ein Passwort.

            Bitte eine **Zwei-Faktor-Anmeldung** anbieten, per Authenticator-App und nicht nur per SMS.
            """) with
        {
            Votes = 7,
            Steps =
            [
                new(320.31, PostStatus.UnderReview, ProductOwner),
                new(290.39, PostStatus.Planned, ProductOwner, "Eingeplant für Kundenportal 5.0."),
                new(260.39, PostStatus.InProgress, ProductOwner),
                new(200.22, PostStatus.Shipped, ProductOwner, "Mit **Kundenportal 5.0** ausgeliefert: Anmeldung mit Authenticator-App. Einschalten unter *Mein Konto → Sicherheit*.", "Portal 5.0"),
            ],
            Replies =
            [
                new(318.4, "sabine", "Danke, Frau Demir. Das sehen wir in der IT genauso und geben dem Thema Vorrang."),
                new(310.2, "raj", "Passkeys would be even better!")
                {
                    Answers = [new(305.5, "sabine", "Passkeys are on our list for the next step, Raj.")],
                },
            ],
        },

        Idea(180.29, "olena", "Dark mode for the app", "app", """
            I often check the app in the evening and the bright white screen is blinding.

            Please add a **dark mode**, ideally one that follows the phone's system setting.
            """) with
        {
            Votes = 9,
            Steps =
            [
                new(170.27, PostStatus.UnderReview, ProductOwner),
                new(120.2, PostStatus.Planned, ProductOwner, "Planned for app 3.4."),
                new(50.09, PostStatus.InProgress, ProductOwner),
                new(12.32, PostStatus.Shipped, ProductOwner, "Shipped in **app 3.4**: the app follows your phone's light or dark setting, and you can pick one under *Settings*.", "App 3.4"),
            ],
            Replies =
            [
                new(175.3, "marco", "Yes please, my eyes thank you in advance."),
                new(160.8, "hannah", "Hilft auch Menschen, die blendempfindlich sind."),
                new(10.2, "olena", "Just updated. It looks great, thank you!"),
            ],
        },

        Idea(280.44, "petra", "Zähler wieder vor Ort ablesen lassen", "service", """
            Früher kam einmal im Jahr jemand zum Ablesen. Heute muss ich selbst in den Keller und den Stand melden. Für ältere Kundinnen und Kunden ist das mühsam.

            Könnten Sie wieder einen **Ableseservice vor Ort** anbieten, wenigstens einmal im Jahr?
            """) with
        {
            Votes = 3,
            Steps =
            [
                new(270.28, PostStatus.UnderReview, ProductOwner),
                new(230.16, PostStatus.Declined, ProductOwner, "Wir haben uns dagegen entschieden: Mit den intelligenten Messsystemen entfällt das Ablesen ohnehin, und ein Ableseservice für alle würde die Preise für alle erhöhen. **Wer nicht selbst ablesen kann, ruft uns an: Dann kommen wir kostenlos vorbei.**"),
            ],
            Replies =
            [
                new(275.6, "klaus", "Das wäre schön. Ich kenne einige in meinem Alter, die das nicht mehr schaffen."),
                new(228.4, "julia", "Frau Wagner, Herr Meier: Der Besuch auf Anruf gilt ab sofort. Sagen Sie es gern weiter, gerade an Nachbarn, die nicht online sind."),
            ],
        },

        Idea(140.09, "marco", "Pay my bill with Bitcoin", "billing", """
            A few companies in Germany now accept cryptocurrencies. It would be nice to pay the annual settlement in **Bitcoin**.
            """) with
        {
            Votes = 1,
            Steps =
            [
                new(125.09, PostStatus.Declined, ProductOwner, "Thanks for the suggestion, Marco. We won't accept cryptocurrencies: exchange rates move between bill and payment, and the extra fees and regulatory work would end up in everyone's prices. SEPA direct debit and bank transfer stay free of charge."),
            ],
            Replies = [new(138.3, "raj", "Not sure about this one. The fees would end up on everyone's bill.")],
        },
    ];
}

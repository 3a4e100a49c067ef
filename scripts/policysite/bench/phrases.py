"""The benchmark's phrasebook: sentences, list items and titles in French and English.

Each entry is a pair (French, English) that says the same thing and carries the same slots, so
that a text assembled from it passes the parity checks. Slots ({days}, {email}...) are filled with
the same values in both languages: they are the invariants the checker compares.
"""

from __future__ import annotations

# (id, French title, English title): the sections a policy is made of.
TOPICS: list[tuple[str, str, str]] = [
    ("scope", "Portée de la politique", "Scope of this policy"),
    ("definitions", "Définitions", "Definitions"),
    ("consent", "Consentement", "Consent"),
    ("collection", "Collecte des renseignements personnels", "Collection of personal information"),
    ("information-types", "Types de renseignements recueillis", "Types of information collected"),
    ("purposes", "Fins de l'utilisation", "Purposes of use"),
    ("cookies", "Témoins et technologies semblables", "Cookies and similar technologies"),
    ("sharing", "Communication à des tiers", "Disclosure to third parties"),
    ("service-providers", "Fournisseurs de services", "Service providers"),
    ("transfers", "Transferts hors du Québec", "Transfers outside Québec"),
    ("retention", "Conservation et destruction", "Retention and destruction"),
    ("security", "Mesures de sécurité", "Security measures"),
    ("incidents", "Incidents de confidentialité", "Confidentiality incidents"),
    ("access", "Droit d'accès", "Right of access"),
    ("rectification", "Droit de rectification", "Right to rectification"),
    ("portability", "Portabilité des renseignements", "Data portability"),
    ("automated-decisions", "Décisions automatisées", "Automated decisions"),
    ("marketing", "Prospection commerciale", "Marketing communications"),
    ("minors", "Renseignements sur les mineurs", "Information about minors"),
    ("employees", "Renseignements sur le personnel", "Staff information"),
    ("video", "Vidéosurveillance", "Video surveillance"),
    ("complaints", "Plaintes", "Complaints"),
    ("changes", "Modifications de la politique", "Changes to this policy"),
]
# The last section of every policy, which other sections link to.
CONTACT = ("contact", "Nous joindre", "Contact us")

# (id suffix, French title, English title): subsections inside a section.
SUBTOPICS: list[tuple[str, str, str]] = [
    ("principles", "Principes", "Principles"),
    ("examples", "Exemples", "Examples"),
    ("time-limits", "Délais", "Time limits"),
    ("exceptions", "Exceptions", "Exceptions"),
    ("responsibilities", "Responsabilités", "Responsibilities"),
    ("means", "Moyens utilisés", "Means used"),
    ("limits", "Limites", "Limits"),
    ("procedure", "Marche à suivre", "How to proceed"),
    ("records", "Registres", "Records"),
    ("roles", "Rôles au sein de l'organisation", "Roles within the organization"),
    ("training", "Formation", "Training"),
    ("review", "Révision périodique", "Periodic review"),
    ("partners", "Partenaires", "Partners"),
    ("fees", "Frais", "Fees"),
    ("documentation", "Documentation", "Documentation"),
    ("questions", "Questions fréquentes", "Frequently asked questions"),
]

# Openers and closers frame a sentence's core; "" means none.
OPENERS: list[tuple[str, str]] = [
    ("", ""),
    ("", ""),
    ("", ""),
    ("En règle générale, ", "As a rule, "),
    ("Dans tous les cas, ", "In every case, "),
    ("Le cas échéant, ", "Where applicable, "),
    ("Sauf exception prévue par la loi, ", "Unless the law provides otherwise, "),
    ("Pour plus de clarté, ", "For greater clarity, "),
    ("À votre demande, ", "At your request, "),
    ("Depuis l'entrée en vigueur de la présente politique, ", "Since this policy took effect, "),
]
CLOSERS: list[tuple[str, str]] = [
    ("", ""),
    ("", ""),
    ("", ""),
    (", dans la mesure permise par la loi", ", to the extent the law allows"),
    (", selon la nature des renseignements en cause", ", depending on the nature of the information concerned"),
    (", conformément aux lois applicables", ", in accordance with the applicable laws"),
    (", sans frais pour vous", ", at no cost to you"),
    (", après avoir vérifié votre identité", ", after verifying your identity"),
]

# Sentence cores: lowercase start, no final period.
SENTENCES: list[tuple[str, str]] = [
    (
        "nous recueillons uniquement les renseignements personnels nécessaires aux fins déterminées avant la collecte",
        "we collect only the personal information needed for the purposes identified before collection",
    ),
    (
        "nous conservons vos renseignements pendant {years} ans après la fin de notre relation d'affaires",
        "we keep your information for {years} years after our business relationship ends",
    ),
    (
        "vous pouvez retirer votre consentement en tout temps en écrivant à {email}",
        "you may withdraw your consent at any time by writing to {email}",
    ),
    (
        "nous répondons à toute demande écrite dans un délai de {days} jours suivant sa réception",
        "we answer every written request within {days} days of receiving it",
    ),
    (
        "seuls les membres du personnel qui en ont besoin dans l'exercice de leurs fonctions ont accès "
        "à vos renseignements",
        "only staff members who need your information to perform their duties have access to it",
    ),
    (
        "nous utilisons le chiffrement pour protéger les renseignements transmis sur notre site Web",
        "we use encryption to protect the information sent through our website",
    ),
    (
        "le responsable de la protection des renseignements personnels veille à l'application de la présente politique",
        "the person in charge of the protection of personal information oversees the application of this policy",
    ),
    (
        "vous pouvez joindre notre équipe par téléphone au {phone}, du lundi au vendredi",
        "you can reach our team by phone at {phone}, Monday to Friday",
    ),
    (
        "nous ne vendons ni ne louons vos renseignements personnels à qui que ce soit",
        "we neither sell nor rent your personal information to anyone",
    ),
    (
        "nos fournisseurs s'engagent par contrat à protéger les renseignements que nous leur confions",
        "our suppliers commit by contract to protect the information we entrust to them",
    ),
    (
        "avant de communiquer des renseignements à l'extérieur du Québec, nous évaluons les facteurs "
        "relatifs à la vie privée",
        "before disclosing information outside Québec, we assess the privacy-related factors",
    ),
    (
        "un incident de confidentialité qui présente un risque de préjudice sérieux est déclaré à la Commission "
        "d'accès à l'information",
        "a confidentiality incident that presents a risk of serious injury is reported to the Commission "
        "d'accès à l'information",
    ),
    (
        "nous tenons un registre des incidents de confidentialité et le conservons pendant au moins {years} ans",
        "we keep a register of confidentiality incidents and retain it for at least {years} years",
    ),
    (
        "les renseignements dont nous n'avons plus besoin sont détruits de façon sécuritaire ou rendus anonymes",
        "information we no longer need is securely destroyed or anonymized",
    ),
    (
        "vous avez le droit d'obtenir une copie des renseignements personnels que nous détenons à votre sujet",
        "you have the right to obtain a copy of the personal information we hold about you",
    ),
    (
        "vous pouvez demander la correction de tout renseignement inexact, incomplet ou équivoque",
        "you may ask us to correct any information that is inaccurate, incomplete or ambiguous",
    ),
    (
        "sur demande, nous vous transmettons vos renseignements dans un format technologique structuré "
        "et couramment utilisé",
        "on request, we send you your information in a structured, commonly used technological format",
    ),
    (
        "lorsqu'une décision est fondée exclusivement sur un traitement automatisé, nous vous en informons",
        "when a decision is based exclusively on automated processing, we inform you of it",
    ),
    (
        "vous pouvez présenter vos observations à un membre de notre personnel en mesure de réviser la décision",
        "you may submit your observations to a member of our staff who is able to review the decision",
    ),
    (
        "chaque message promotionnel comporte un moyen simple de vous désabonner",
        "every promotional message includes a simple way to unsubscribe",
    ),
    (
        "nous ne recueillons pas sciemment de renseignements auprès d'enfants de moins de {age} ans sans le "
        "consentement d'un parent",
        "we do not knowingly collect information from children under {age} without a parent's consent",
    ),
    (
        "les enregistrements vidéo sont effacés automatiquement après {days} jours, sauf en cas d'enquête",
        "video recordings are erased automatically after {days} days, except during an investigation",
    ),
    (
        "les témoins essentiels au fonctionnement du site ne servent à aucune autre fin",
        "the cookies essential to the site's operation serve no other purpose",
    ),
    (
        "vous pouvez configurer votre navigateur pour refuser les témoins non essentiels",
        "you can set your browser to refuse non-essential cookies",
    ),
    (
        "nous révisons la présente politique au moins tous les {months} mois",
        "we review this policy at least every {months} months",
    ),
    (
        "toute modification importante est annoncée sur notre site Web au moins {days} jours avant son "
        "entrée en vigueur",
        "any significant change is announced on our website at least {days} days before it takes effect",
    ),
    (
        "la version en vigueur de la présente politique est publiée à l'adresse {url}",
        "the version of this policy in force is published at {url}",
    ),
    (
        "vous pouvez nous écrire à notre siège social, dont le code postal est {postal}",
        "you can write to us at our head office, whose postal code is {postal}",
    ),
    (
        "si vous n'êtes pas satisfait de notre réponse, vous pouvez vous adresser à la Commission "
        "d'accès à l'information",
        "if you are not satisfied with our answer, you may turn to the Commission d'accès à l'information",
    ),
    (
        "notre personnel suit une formation sur la protection des renseignements personnels tous les {months} mois",
        "our staff take training on the protection of personal information every {months} months",
    ),
    (
        "les accès à nos systèmes sont journalisés et les journaux sont conservés pendant {days} jours",
        "access to our systems is logged and the logs are kept for {days} days",
    ),
    (
        "nous effectuons une évaluation des facteurs relatifs à la vie privée pour tout nouveau projet de système "
        "d'information",
        "we carry out a privacy impact assessment for every new information system project",
    ),
    (
        "les renseignements recueillis pour une fin ne sont pas utilisés à une autre fin sans votre consentement",
        "information collected for one purpose is not used for another without your consent",
    ),
    (
        "nous vous informons des moyens utilisés pour recueillir vos renseignements au moment de la collecte",
        "we tell you how your information is collected at the time it is collected",
    ),
    (
        "votre consentement doit être manifeste, libre, éclairé et donné à des fins spécifiques",
        "your consent must be manifest, free, enlightened and given for specific purposes",
    ),
    (
        "une demande d'accès peut être refusée lorsque la loi le permet, et nous vous en expliquons alors les motifs",
        "a request for access may be refused where the law allows it, and we then explain the reasons to you",
    ),
    (
        "les copies de sauvegarde sont chiffrées et remplacées tous les {days} jours",
        "backup copies are encrypted and replaced every {days} days",
    ),
    (
        "nous limitons le nombre de personnes autorisées à consulter les dossiers qui contiennent des renseignements "
        "sensibles",
        "we limit the number of people allowed to consult files that contain sensitive information",
    ),
    (
        "aucun renseignement personnel n'est exigé pour consulter notre site Web",
        "no personal information is required to browse our website",
    ),
    (
        "pour toute question sur la présente politique, consultez la section [Nous joindre](#contact)",
        "for any question about this policy, see the [Contact us](#contact) section",
    ),
    (
        "les renseignements que vous nous transmettez par le formulaire en ligne sont conservés {months} mois au plus",
        "the information you send us through the online form is kept for {months} months at most",
    ),
    (
        "nous demandons à nos partenaires de nous aviser dans les {hours} heures de tout incident qui vous concerne",
        "we ask our partners to notify us within {hours} hours of any incident that concerns you",
    ),
    (
        "les demandes qui visent un grand nombre de documents peuvent exiger un délai supplémentaire de {days} jours",
        "requests covering a large number of documents may require a further period of {days} days",
    ),
    (
        "le dossier d'un client inactif depuis {years} ans est fermé puis détruit",
        "the file of a client inactive for {years} years is closed and then destroyed",
    ),
    (
        "nous tenons compte de la sensibilité des renseignements pour choisir les mesures de protection appropriées",
        "we take the sensitivity of information into account when choosing the appropriate safeguards",
    ),
]

# List items: complete phrases without a final period.
ITEMS: list[tuple[str, str]] = [
    ("vos nom, adresse postale et numéro de téléphone", "your name, postal address and phone number"),
    ("votre adresse courriel", "your email address"),
    ("les renseignements nécessaires à la facturation", "the information needed for billing"),
    ("l'historique de vos achats et de vos demandes", "the history of your purchases and requests"),
    ("les préférences de communication que vous avez indiquées", "the communication preferences you stated"),
    ("l'adresse IP de votre appareil, conservée {days} jours", "your device's IP address, kept for {days} days"),
    ("les pages consultées et la durée de la visite", "the pages viewed and the length of the visit"),
    ("les renseignements fournis dans votre curriculum vitæ", "the information given in your résumé"),
    ("les images captées par nos caméras de sécurité", "the images captured by our security cameras"),
    ("un hébergeur de données situé au Canada", "a data host located in Canada"),
    ("un fournisseur de services de paiement", "a payment service provider"),
    ("un service d'envoi de courriels", "an email delivery service"),
    ("nos conseillers juridiques et comptables", "our legal and accounting advisers"),
    ("les autorités, lorsque la loi l'exige", "the authorities, when the law requires it"),
    ("fournir les produits et services demandés", "providing the products and services requested"),
    ("répondre à vos questions et à vos plaintes", "answering your questions and complaints"),
    ("gérer votre compte client", "managing your customer account"),
    ("améliorer nos services", "improving our services"),
    ("respecter nos obligations légales", "meeting our legal obligations"),
    ("prévenir la fraude", "preventing fraud"),
    ("le chiffrement des données au repos et en transit", "encryption of data at rest and in transit"),
    ("l'authentification à deux facteurs pour le personnel", "two-factor authentication for staff"),
    ("des mises à jour de sécurité appliquées dans les {days} jours", "security updates applied within {days} days"),
    ("des locaux verrouillés et surveillés", "locked and monitored premises"),
    ("la destruction sécuritaire des documents papier", "secure destruction of paper documents"),
    ("par courriel à {email}", "by email at {email}"),
    ("par téléphone au {phone}", "by phone at {phone}"),
    ("par la poste, au code postal {postal}", "by mail, at postal code {postal}"),
    ("sur notre site Web : {url}", "on our website: {url}"),
    ("une pièce d'identité valide", "a valid piece of identification"),
    ("une description précise des renseignements demandés", "a precise description of the information requested"),
    ("vos coordonnées pour la réponse", "your contact information for the reply"),
]

# Paragraph starters that introduce a list, ending with a colon.
LIST_INTROS: list[tuple[str, str]] = [
    ("Il peut notamment s'agir des éléments suivants :", "These may include the following:"),
    ("Nous pouvons par exemple recourir à :", "We may, for example, rely on:"),
    ("Cela comprend :", "This includes:"),
    ("Pour ce faire, nous prévoyons :", "To this end, we provide for:"),
    ("Vous pouvez nous joindre :", "You can reach us:"),
]

# Change summaries: what a new version says about itself ({section} is the section's title).
SUMMARIES: dict[str, tuple[str, str]] = {
    "reword": ("Reformulation de la section « {section} ».", "Reworded the “{section}” section."),
    "number": ("Nouveau délai dans la section « {section} ».", "New time limit in the “{section}” section."),
    "item": ("Ajout d'un élément à la section « {section} ».", "Added an item to the “{section}” section."),
    "sentence": ("Précision apportée à la section « {section} ».", "Clarified the “{section}” section."),
    "subsection": ("Nouvelle sous-section dans « {section} ».", "New subsection in “{section}”."),
    "cut": ("Passage retiré de la section « {section} ».", "Removed a passage from the “{section}” section."),
    "removal": ("Retrait d'une sous-section de « {section} ».", "Removed a subsection from “{section}”."),
}

# Organization names are assembled from these (the same in both languages).
NAME_FIRST = ["Coopérative", "Groupe", "Clinique", "Services", "Atelier", "Centre", "Cabinet", "Entreprises"]
NAME_SECOND = ["Boréal", "Richelieu", "Laurentides", "Maskoutain", "Yamaska", "Outaouais", "Chaudière", "Mauricie"]

HOME = {
    "fr": (
        "Politiques de confidentialité",
        "Cette page réunit les politiques de confidentialité des organisations ci-dessous, en français et en "
        "anglais, avec l'historique de leurs versions.",
    ),
    "en": (
        "Privacy policies",
        "This page brings together the privacy policies of the organizations below, in French and in English, "
        "with the history of their versions.",
    ),
}
POLICY_TITLE = {"fr": "Politique de confidentialité de {name}", "en": "{name} privacy policy"}

"""Every word list and threshold used by segmentation, attribution, the header zone and boilerplate, in one place.

Lists are lower case unless noted. Rules must generalise: nothing here names a
particular document's people or topics.
"""
from __future__ import annotations

import importlib.resources
import json


# --------------------------------------------------------------- dates
# month names: the English name and its abbreviations (month i at index i-1), then the same month in other languages
ENGLISH_MONTH_NAMES = (
    "january jan",
    "february feb",
    "march mar",
    "april apr",
    "may",
    "june jun",
    "july jul",
    "august aug",
    "september sep sept",
    "october oct",
    "november nov",
    "december dec",
)
OTHER_MONTH_NAMES = (
    "janvier janv enero ene gennaio gen januar jän januari janeiro stycznia styczeń styczen январь января يناير",
    "feb février févr fevrier febrero febbraio februar februari fevereiro lutego luty февраль февраля فبراير شباط",
    "mars marzo märz maerz maart marts março marca marzec март марта مارس آذار",
    "avril abril aprile april kwietnia kwiecień kwiecien апрель апреля أبريل ابريل نيسان",
    "mai mayo maggio mei maj maio maja май мая مايو أيار",
    "juin junio giugno juni junho czerwca czerwiec июнь июня يونيو حزيران",
    "juillet julio luglio juli julho lipca lipiec июль июля يوليو تموز",
    "août aout agosto augustus sierpnia sierpień sierpien август августа أغسطس اغسطس آب",
    "septembre septiembre setiembre settembre setembro września wrzesień wrzesien сентябрь сентября سبتمبر أيلول",
    "octobre octubre ottobre oktober okt outubro października październik pazdziernika октябрь октября أكتوبر اكتوبر",
    "novembre noviembre novembro listopada listopad ноябрь ноября نوفمبر",
    "déc décembre decembre diciembre dicembre dezember dez desember dezembro grudnia grudzień grudzien декабрь декабря ديسمبر",
)
# weekday names: English name and abbreviation, then other languages (any order)
ENGLISH_WEEKDAY_NAMES = tuple("""
monday mon tuesday tue wednesday wed thursday thu friday fri saturday sat sunday sun
""".split())
OTHER_WEEKDAY_NAMES = tuple("""
mandag tirsdag onsdag torsdag fredag lørdag søndag lundi mardi mercredi jeudi vendredi samedi dimanche
lunes martes miércoles jueves viernes sábado domingo montag dienstag mittwoch donnerstag freitag samstag sonntag
""".split())
_ENGLISH_MONTH_WORDS = frozenset(w for names in ENGLISH_MONTH_NAMES for w in names.split())
_ENGLISH_MONTH_ABBREVIATIONS = frozenset(w for names in ENGLISH_MONTH_NAMES for w in names.split()[1:])


# --------------------------------------------------------------- segmentation
# a stop after these never ends a sentence ("Mr. Li", "Gen. Smith")
ABBREVIATIONS = frozenset("""
mr mrs ms messrs dr prof gen lt col capt maj sgt cmdr adm gov sen rep rev hon amb
st jr sr mt ft vs v cf fig figs vol vols pp approx dept esp
reps sens govs drs profs gens
""".split())   # the titles' plurals too: "Reps. Jon Roe (R-MD) and Ann Berg (D-OH)"; "v" of a case: "Roe v. Wade"
# ... nor before a number ("Dec. 8", "No. 1", "Art. 5")
ABBREVIATIONS_BEFORE_NUMBER = _ENGLISH_MONTH_ABBREVIATIONS | frozenset("""
no nos art arts sec p para ch
""".split())
# ... nor before a lower-case word ("etc. and so on")
LOWER_CONTINUATION_ABBREVIATIONS = frozenset("""
etc al inc ltd co corp bros approx ca esp incl
""".split())
# after a dotted abbreviation ("U.S.", "U.N."), a sentence starts only before these (case-sensitive)
SENTENCE_STARTERS = frozenset("""
The This That These Those It Its He She We They I You In On At But And However Meanwhile
A An There His Her Their Our As For According Also So Yet Still Then Now Such Many Some
""".split())
# dashes as a text writes them between words: the double hyphen, em, en, horizontal bar, figure dash, hyphen (the
# separator after a dateline; a tagged name ends at one set between spaces)
DASHES = ("--", "—", "–", "―", "‒", "-")
HARD_WRAP_MAX_LINE = 120            # a line this short that stops mid-sentence is hard-wrapped

# ------------------------------------------------------------- reporting cues
# reporting verbs and phrases (any inflection listed); a cue makes a sentence
# reported speech when its subject is a source (person, organisation, document,
# a group noun from SOURCE_NOUNS) other than the narrator
# cues that report speech only before "that" or a quote; listed once, used in CUE_VERBS and CUES_NEEDING_THAT
_THAT_ONLY_CUE_VERBS = """
vow vows vowed pledge pledges pledged promise promises promised
reveal reveals revealed disclose discloses disclosed report reports reported
highlight highlights highlighted underline underlines underlined underscore underscores underscored
predict predicts predicted observe observes observed caution cautions cautioned
complain complains complained propose proposes proposed
dispute disputes disputed
"""
CUE_VERBS = """
estimate_that estimates_that estimated_that
say says said saying
state_that states_that stated stating states
note notes noted noting
point_out points_out pointed_out pointing_out
stress stresses stressed stressing
emphasize emphasizes emphasized emphasizing emphasise emphasises emphasised
add adds added adding
tell tells told telling
believe believes believed believing
hold_that holds_that held_that
argue argues argued arguing
indicate indicates indicated
express expresses expressed expressing
call_on calls_on called_on calling_on
call_for calls_for called_for calling_for
urge urges urged urging
warn warns warned warning
explain explains explained explaining
declare declares declared declaring
announce announces announced announcing
insist insists insisted insisting
maintain maintains maintained
acknowledge acknowledges acknowledged
agree agrees agreed
conclude concludes concluded concluding
mention mentions mentioned
describe describes described describing
criticize criticizes criticized criticise criticises criticised
accuse accuses accused
expect expects expected
hope hopes hoped
affirm affirms affirmed affirming
reaffirm reaffirms reaffirmed
reiterate reiterates reiterated reiterating
suggest suggests suggested
claim claims claimed claiming
assert asserts asserted
remarked
write writes wrote
find_that finds_that found_that found finds
made_it_clear make_it_clear makes_it_clear
have_said has_said
think_that thinks_that thought_that
ask asks asked
reply replies replied answer answers answered respond responds responded
comment comments commented
recall recalls recalled
confirm confirms confirmed deny denies denied admit admits admitted
""".split() + _THAT_ONLY_CUE_VERBS.split()
CUES = tuple(sorted({c.replace("_", " ") for c in CUE_VERBS}, key=len, reverse=True))
# cues that report speech only before a clause or a quote ("declared that ...", not "declared measures")
CUES_NEEDING_CLAUSE = frozenset("""
declare declares declared declaring announce announces announced announcing add adds
write writes wrote maintain maintains maintained hope hopes hoped saying
""".split())
# cues that report speech only before "that", "whether" or a quote, or at the end after a quote
# ('"...," he replied.'; not "did not respond to a request")
CUES_NEEDING_QUOTE = frozenset("""
ask asks asked reply replies replied answer answers answered respond responds responded
comment comments commented states
""".split())
# words right before a cue that make it no report: negation, passive ("was told", "did not say")
# ... and a determiner or preposition before it makes it a noun ("a request for comment", "China's comment");
# a possessive before a two-word cue still reports ("renewed their call for ...")
CUE_BLOCKERS = ("not", "never", "n't", "was", "were", "been", "being", "is", "are", "be",
                "for", "a", "an", "the", "no", "of", "without", "'s", "’s")
POSSESSIVE_DETERMINERS = ("his", "her", "their", "its", "our", "your")
INDEFINITE_ARTICLES = ("a", "an")
ARTICLES = ("the", *INDEFINITE_ARTICLES)   # the articles a noun phrase may open with ("the minister", "a spokesman")
DEMONSTRATIVES = ("this", "that", "these", "those")
NAME_SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"})   # a generation written after a name
# cues that report speech only before "that" or a quote ("agreed that", not "agreed to elevate")
CUES_NEEDING_THAT = frozenset("""
agree agrees agreed find finds found estimate estimates estimated
recall recalls recalled confirm confirms confirmed deny denies denied admit admits admitted
""".split() + _THAT_ONLY_CUE_VERBS.split())
# subordinators that make a cue's clause a condition or a question about saying, not a report ("asking if the
# governor believes ...", "unclear whether he can comment"): attribute.cues.is_hypothetical
HYPOTHETICAL_MARKS = frozenset("if whether unless".split())
# verbs that make their object do what their infinitive says, and say that it was done ("led Republicans to say",
# "forced him to admit"): the object is the infinitive cue's source (attribute.cues: object_controls_its_infinitive).
# Not "urge", "ask", "require", "use": what they name may never have been said, or was said by the subject
CAUSATIVE_VERB_FORMS = frozenset("""
lead leads led leading prompt prompts prompted prompting force forces forced forcing cause causes caused causing
compel compels compelled compelling drive drives drove driven driving inspire inspires inspired inspiring spur spurs
spurred spurring
""".split())
# verbs of putting out a text: a participle cue on the text they take as object is the text's, and so the subject's
# who put it out ("The group issued a statement saying ...": the group; attribute.cues: participle_on_an_issued_text)
ISSUING_VERB_FORMS = frozenset("""
issue issues issued issuing release releases released releasing send sends sent sending post posts posted posting
publish publishes published publishing circulate circulates circulated circulating distribute distributes
distributed distributing deliver delivers delivered delivering file files filed filing sign signs signed signing
make makes made making give gives gave given giving
""".split())
# modal auxiliaries: a view under one is possible, not held ("People may not know that ..."; attribute.cues:
# that_clause_of_a_source), and the review weighs a main verb under one (attribute.review)
MODAL_VERBS = frozenset("would could will may might should can must".split())
# verbs whose "that" clause is what they bring about or establish, no view of their subject's ("ensured that the vote
# was held", "This means that ...", "proved that the plan worked"): no report (attribute.cues: that_clause_of_a_source)
NO_STANCE_VERB_FORMS = frozenset("""
ensure ensures ensured ensuring mean means meant meaning prove proves proved proven proving demonstrate demonstrates
demonstrated demonstrating guarantee guarantees guaranteed guaranteeing
""".split())
# verbs of wanting or asking: a to-infinitive cue with its own subject under one is wished of that subject, no report
# ("wanted the common people to believe that ..."; attribute.cues.is_wished_of_its_subject)
VOLITION_VERB_FORMS = frozenset("""
want wants wanted wanting wish wishes wished expect expects expected need needs needed like likes liked love loves
loved prefer prefers preferred urge urges urged encourage encourages encouraged ask asks asked tell tells told order
orders ordered allow allows allowed make makes made
""".split())
# introducing a source before its words
ACCORDING_CUES = ("according to", "in the view of", "in the words of", "as stated in", "as stated by",
                  "as noted by", "as pointed out by", "in the opinion of")
# "in Wang's view, ...", "in his opinion, ..."
VIEW_NOUNS = ("view", "opinion", "words", "eyes", "assessment", "judgment", "judgement")
# verbs that introduce a following quote without a content clause ("X spoke about ...")
INTRO_VERBS = ("spoke about", "spoke of", "spoke on", "talked about", "commented", "responded",
               "wrote", "said", "says", "stated", "added", "noted", "told", "remarked", "declared",
               "stressed", "pointed out", "emphasized", "explained",
               "states", "writes", "adds", "notes", "tells", "explains", "argues", "argued", "warns", "warned",
               "insists", "insisted")
# nouns after a possessive that point back to a quote ("Xi Jinping's firm statement")
STATEMENT_NOUNS = ("statement", "remarks", "remark", "words", "comment", "comments", "speech",
                   "message", "assertion", "declaration", "quote", "answer", "reply", "response")
# words by which a description keeps its person unnamed ("the spokesman, who declined to be named,")
ANONYMITY_WORDS = frozenset("named identified anonymity anonymous unnamed".split())
# verbs that characterise their object in the source's own quoted words ("X called the ruling "arbitrary"",
# "dismissed the claim as "absurd""): the quotation is the source's (attribute.cues.quoted_characterisation)
CHARACTERISING_VERB_FORMS = frozenset("""
call calls called calling describe describes described describing dismiss dismisses dismissed dismissing
label labels labeled labelled labeling labelling brand brands branded branding term terms termed
characterize characterizes characterized characterizing characterise characterises characterised characterising
deride derides derided deriding hail hails hailed hailing denounce denounces denounced denouncing
decry decries decried decrying portray portrays portrayed portraying accuse accuses accused accusing
condemn condemns condemned condemning slam slams slammed slamming blast blasts blasted blasting
praise praises praised praising mock mocks mocked mocking liken likens likened likening dub dubs dubbed dubbing
rate rates rated rating
""".split())
# nouns that make a sentence about a person's words ("X sent a letter") for a quote left without a source; but for
# the interview, each names its author after "by" ("Speech by Jo Roe", clean._SPEECH_BY: an interview's "by" names
# the interviewer)
SPEECH_NOUNS = """
letter speech message statement remarks address article lecture toast interview
""".split()

# ----------------------------------------------------------------- quotations
# a quote just after these words names a thing, not speech ("the principle of 'X'")
TERM_MARKERS = frozenset("""
titled entitled named called dubbed themed theme slogan slogans notion notions principle principles
concept concepts idea ideas philosophy so-called term terms proposal motto mottos phrase phrases label so-called
known of policy policies initiative campaign
strategy vision approach words word saying proverb banner spirit report book article film program
programme plan project movement era
""".split())
# "as the saying goes": a proverb is narration
PROVERB_MARKERS = ("saying goes", "saying says", "as the saying", "chinese saying", "old saying",
                   "proverb", "motto", "slogan")
# a quote with fewer words than this is a term unless a cue sits right next to it
MIN_SPEECH_QUOTE_WORDS = 5

# ---------------------------------------------------------- sources and names
# nouns whose bearer can be a source in "X said/believe/indicate that"
SOURCE_NOUNS = frozenset("""
experts expert scholars scholar participants participant observers observer analysts analyst
officials official friends groups group guests guest reports report statement statements declaration
paper papers white-paper document documents letter study survey research researchers countries
delegates representatives leaders critics activists families residents villagers people members
organizations organisations ministry government spokesperson spokesman spokeswoman minister
commissioner envoy diplomats diplomat journalists sources source authorities agency media
farmers workers students teachers citizens voters parents doctors lawyers women men locals netizens
users supporters opponents protesters economists historians scientists academics specialists
police organisers organizers authors campaigners politicians pundits legislators advocates advisors
insiders detractors skeptics sceptics bloggers
""".split())
# source nouns for many people without a plural "s" ("the Hong Kong police"): a group (speakers.speaker_kind)
COLLECTIVE_NOUNS = frozenset("police people media public staff delegation team panel crowd audience jury".split())
# sources whose report does not carry over into the next sentences
DOCUMENT_NOUNS = frozenset("""
reports report statement statements declaration paper papers document documents letter study survey research
resolution
""".split())
# parts of a text: "the first sentence of the preface of the white paper says" - the document speaks
DOCUMENT_PART_NOUNS = frozenset("""
sentence sentences paragraph paragraphs preface foreword preamble introduction chapter chapters section sections
page pages passage passages line lines article articles clause clauses annex appendix summary
""".split())
# lower-case words inside a person's name ("Ludwig van Beethoven", "Osama bin Laden"); a label may also
# hold "of" ("Minister of Health:")
NAME_PARTICLES = ("von", "van", "der", "de", "bin", "al", "da", "dos", "du", "la", "le")
# verbs that issue a text, before its author's name ("X sent a letter"; attribute.surface.speech)
ISSUING_VERBS = ("sent", "delivered", "published", "issued", "wrote", "gave")
# the words after a company's name that say it is one ("Trump Tower Commercial LLC")
COMPANY_SUFFIXES = frozenset("llc inc corp ltd plc corporation".split())
# the last word of a body's name that no person's name ends with: the tagger's PERSON for such a name is a misreading
# ("George W. Bush Presidential Center", "Trump Tower Commercial LLC")
INSTITUTION_HEADS = frozenset("""
center centre foundation institute university college committee commission council association agency department
ministry company
""".split()) | COMPANY_SUFFIXES
# nouns of a share, before "of" and a plural: the share of people it names is a group ("Sixty-seven percent of
# Americans", "a majority of voters")
SHARE_NOUNS = frozenset("percent % majority minority plurality half third quarter share".split())
# pronouns for one person no one names ("someone said ...": a role) and for everyone at once (a group)
SOMEONE_PRONOUNS = frozenset(("someone", "somebody", "anyone", "anybody", "no one", "nobody"))
EVERYONE_PRONOUNS = frozenset(("everyone", "everybody"))
# lower-case words that open a noun phrase naming a group ("some western countries"), not an appositive
QUANTIFIERS = frozenset("""
some many most several all both few other more no numerous dozens hundreds thousands millions various
""".split())
# title and role words stripped from a speaker's name ("President Xi" -> "Xi")
TITLE_WORDS = frozenset("""
president vice premier chairman chairwoman chair secretary general minister foreign deputy director
professor prof prof. dr dr. mr mr. mrs mrs. ms ms. madam sir ambassador spokesperson spokesman
spokeswoman chief head dean executive senior former state councilor councillor comrade excellency
h.e. he. governor mayor senator representative envoy special commissioner high leader chancellor
king queen prince princess prime member party researcher research fellow expert author editor
reporter correspondent the chinese engineer scientist lawyer activist journalist writer economist analyst
scholar official diplomat judge officer commander general colonel captain lieutenant doctor nurse teacher
farmer worker student pastor imam bishop father sister brother rabbi monk lama activist dissident
secretary-general under-secretary-general director-general vice-president vice-premier vice-chairman
deputy-director ex-president treasurer campaigner councillor councilor candidate resident protester organiser organizer
volunteer founder manager ceo cfo coo cto president-elect co-founder cofounder coach tactician skipper
superintendent inspector sergeant constable detective corporal admiral brigadier commodore marshal
sen sen. rep rep. gov gov. lt lt. col col. gen. sgt sgt. capt capt. amb amb. supt supt. insp insp. rev rev.
adm adm. maj maj. cmdr cmdr.
""".split()) | frozenset("""
presidente presidenta ministro ministra secretario secretaria portavoz vocero vocera canciller gobernador
gobernadora alcalde alcaldesa diputado diputada senador senadora präsident präsidentin ministerin
staatssekretär staatssekretärin kanzler kanzlerin bürgermeister bürgermeisterin président présidente ministre
porte-parole député députée sénateur sénatrice maire
""".split())   # the same offices in Spanish, German and French ("PRESIDENTE JUAN ROBLES:" is Juan Robles)
# courtesy titles: stripped from names, never a role by themselves
HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. dr dr. madam sir miss".split())
# wires and broadcasters known by a short name (lower case), listed once: the outlet words of bylines, datelines
# and credit lines ("(Xinhua)"), one-word labels ("Reuters:"), the last word of an organisation's name; the
# outlet alias table (data/outlets.tsv) gives their long names
NEWS_AGENCIES = tuple("""
xinhua reuters afp ap dpa bloomberg cna cgtn cctv cri bbc cnn kyodo yonhap tass sputnik anadolu nos itv
""".split())
# the same matched case-insensitively in a header or credit line, less a number's abbreviation ("Nos. 3-4")
WIRE_WORDS = tuple(a for a in NEWS_AGENCIES if a not in ABBREVIATIONS_BEFORE_NUMBER)
# a capitalised word that ends an organisation or place name, not a person's
ORG_WORDS = frozenset("""
republic party committee university ministry office council institute organization organisation
nations union agency department center centre foundation association society bureau commission
government court congress school academy forum news daily tv times watch international group
service press network radio television post herald journal review channel club bank fund program
programme assembly parliament house senate state states kingdom federation league alliance
conference summit cooperation initiative region province city county village district mission
rights studies affairs development research law sciences institution
declaration covenant convention charter treaty agreement protocol resolution agenda constitution act plan
embassy consulate administration authority council's company firm airline carrier regulator broadcaster newspaper
magazine tribune gazette
""".split()) | COMPANY_SUFFIXES | (frozenset(NEWS_AGENCIES) - {"bloomberg"})   # Bloomberg is also a surname ("Michael Bloomberg said")
# countries and demonyms: never part of a person's name (names that are also given names or
# surnames - Jordan, Chad, Georgia, Israel - are left out)
PLACE_WORDS = frozenset("""
afghanistan afghan albania albanian algeria algerian andorra angola angolan antigua barbuda argentina
argentine armenia armenian australia australian austria austrian azerbaijan bahamas bahrain bangladesh
barbados belarus belgium belgian belize benin bhutan bolivia bosnia botswana brazil brazilian brunei
bulgaria bulgarian burkina burundi cambodia cambodian cameroon canada canadian chile chilean china
chinese colombia colombian comoros congo croatia croatian cuba cuban cyprus czech czechia denmark danish
djibouti dominica ecuador egypt egyptian eritrea estonia eswatini ethiopia ethiopian fiji finland finnish
france french gabon gambia georgian germany german ghana greece greek grenada guatemala guinea
guyana haiti honduras hungary hungarian iceland india indian indonesia indonesian iran iranian iraq
iraqi ireland irish israeli italy italian jamaica japan japanese kazakhstan kenya kenyan
kiribati korea korean kosovo kuwait kyrgyzstan laos latvia lebanon lesotho liberia libya liechtenstein
lithuania luxembourg madagascar malawi malaysia malaysian maldives mali malta mauritania mauritius
mexico mexican micronesia moldova monaco mongolia mongolian montenegro morocco mozambique myanmar namibia
nauru nepal netherlands dutch nicaragua niger nigeria nigerian norway norwegian oman pakistan pakistani
palau palestine palestinian panama paraguay peru philippines filipino poland polish portugal portuguese
qatar romania romanian russia russian rwanda samoa senegal serbia serbian seychelles singapore slovakia
slovenia somalia spain spanish sudan suriname sweden swedish switzerland swiss syria syrian tajikistan
tanzania thailand thai togo tonga trinidad tunisia turkey turkish turkmenistan tuvalu uganda ukraine
ukrainian uruguay uzbekistan vanuatu venezuela vietnam vietnamese yemen zambia zimbabwe
us u.s. usa america american britain british uk u.k. england english scotland wales eu un u.n.
africa african europe european asia asian latin arab arabic western eastern
beijing shanghai geneva new york moscow tokyo brussels
xinjiang tibet tibetan uyghur uygur uighur hong kong macao macau taiwan
""".split())
# capitalised words that never belong to a name (sentence starters, months, days)
CAP_STOPWORDS = frozenset("""
the a an even this that these those it its in on at as for but and or with from by since after before during
while when if however meanwhile regarding speaking according there here we i you he she they our their his
her my your what why how who which where is are was were do does did can could would will should also
then so yet still now today yesterday tomorrow first second third fourth fifth firstly secondly thirdly
finally besides moreover furthermore instead indeed yes no not thank thanks welcome hello dear ladies
gentlemen distinguished good some many all every each other another such both either neither more most
over under through between among against without within about into onto upon than via per new old
""".split()) | _ENGLISH_MONTH_WORDS | frozenset(ENGLISH_WEEKDAY_NAMES[::2])
# month abbreviations that are also given names: a name word when written without a dot and next
# to another name word ("Jan Horak", "Wang Jun"), a month only with a dot or a number
NAME_LIKE_MONTHS = frozenset("Jan Jun".split())
# endings of nouns for people ("builder", "activist", "technician"): an unnamed person the author talked to
PERSON_NOUN_SUFFIX = r"(?:er|or|ist|ian|man|woman)$"
# common nouns with those endings that are not people ("a number of", "a letter")
NOT_PERSON_NOUNS = frozenset("""
number letter paper matter order quarter error factor sector corner border water power answer dinner
chapter mirror floor door color colour favor favour honor honour labor labour motor offer other
computer register folder center centre meter metre cover layer filter poster flyer trailer server
""".split())
MAX_NAME_WORDS = 5         # a longer run of capitalised words is a title or heading, not a person
PRONOUNS_PERSON = frozenset("he she".split())
# every form of the third-person singular pronouns, by the subject form that names the gender
PRONOUN_FORMS = {"he": frozenset("he him his himself".split()), "she": frozenset("she her hers herself".split())}
# nouns naming an office one person holds at a time in a story ("the governor", "the spokesperson"): a definite
# description by one of them stands for a person the text gives that office, never for one it gives another
# (attribute.sieves: description_fits_the_office)
OFFICE_NOUNS = frozenset("""
president premier chair secretary minister ambassador spokesperson governor mayor senator representative envoy
commissioner chancellor king queen prince princess judge nominee candidate speaker prosecutor sheriff ceo director
coach captain manager
""".split())
# offices a person holds beside another ("the candidate" may be the governor running for president): a description by
# one of them is not someone else because the text gave the person another office (description_fits_the_office)
OFFICES_HELD_BESIDE_ANOTHER = frozenset({"candidate"})   # not "nominee", one person a party names
# words that make an office another one: "Vice President" is no president, "assistant head coach" no head coach
OFFICE_RANK_WORDS = frozenset("vice deputy assistant acting associate former".split())
# other forms of an office noun and the office they write ("Gov. Mike Pence" is a governor, a spokesman and a
# spokesperson hold one office)
OFFICE_FORMS = {"gov.": "governor", "gov": "governor", "sen.": "senator", "sen": "senator",
                "rep.": "representative", "rep": "representative", "amb.": "ambassador", "pres.": "president",
                "spokesman": "spokesperson", "spokeswoman": "spokesperson", "chairman": "chair", "chairwoman": "chair",
                "congressman": "representative", "congresswoman": "representative"}
# role nouns that tell which pronoun a person takes ("her son, X" -> he)
GENDERED_NOUNS = {**{w: "he" for w in """son father husband brother man boy grandfather uncle nephew
    king prince spokesman chairman businessman congressman mr""".split()},
                  **{w: "she" for w in """daughter mother wife sister woman girl grandmother aunt niece
    queen princess spokeswoman chairwoman businesswoman congresswoman mrs ms miss""".split()}}
# the pronoun a given name usually takes, from the US Census 1990 name frequencies (public domain, shipped by the
# ``names`` package): a name one sex bears at least GIVEN_NAME_MIN_SHARE of the time. A rare given name (borne by
# under GIVEN_NAME_MIN_PERCENT of that sex) that is not a given name GIVEN_NAME_MIN_SHARE of the times it is a given
# name or a surname is taken for a surname written first ("Li" of "Li Yunlong", "Ma", "Sun"; "Bernie" stays). A
# prior only: what the text says of the person (an honorific, a gendered noun, the pronouns after them) outweighs it
GIVEN_NAME_MIN_SHARE = 0.8
GIVEN_NAME_MIN_PERCENT = 0.01


def _census_names(kind: str) -> dict[str, float]:
    """Name (lower case) -> percent of the census's people (of that sex, for given names) who bear it."""
    text = importlib.resources.files("names").joinpath(f"dist.{kind}").read_text(encoding="ascii")
    return {row.split()[0].lower(): float(row.split()[1]) for row in text.splitlines() if row.strip()}


def given_name_pronouns() -> dict[str, str]:
    """Given name (lower case) -> "he" | "she" by the rules above."""
    male, female, last = _census_names("male.first"), _census_names("female.first"), _census_names("all.last")
    out = {}
    for name in male.keys() | female.keys():
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        given = (m + f) / 2
        if max(m, f) < GIVEN_NAME_MIN_PERCENT and given < GIVEN_NAME_MIN_SHARE * (given + last.get(name, 0.0)):
            continue
        if m >= GIVEN_NAME_MIN_SHARE * (m + f):
            out[name] = "he"
        elif f >= GIVEN_NAME_MIN_SHARE * (m + f):
            out[name] = "she"
    return out


GIVEN_NAME_PRONOUNS = given_name_pronouns()
# nouns for one person by their office or station: "the senator", "the Republican nominee" - a definite
# description of someone the document names (title words that are nouns, gendered nouns, and these)
PERSON_ROLE_NOUNS = frozenset(
    {w for w in TITLE_WORDS if "." not in w and len(w) > 3} - {"chinese", "foreign", "former", "high", "special",
                                                              "senior", "state", "vice", "prime", "party", "research",
                                                              "official"}     # "the official": often never named
    | set(GENDERED_NOUNS) - HONORIFICS | set("nominee billionaire tycoon front-runner frontrunner lady".split()))
# capitalised words that are common words or place words and also surnames: a surname when a given name follows
# ("Hong Lei", not "Hong Kong")
SURNAMES_LIKE_WORDS = frozenset("He An Du Ma Yu Hu Hong".split())
PRONOUNS_GROUP = frozenset("they".split())
FIRST_PERSON = frozenset("i we me us my our".split())
# words between a subject and its reporting verb that are skipped ("Xi once said", "Li has repeatedly stressed")
SUBJECT_FILLERS = """
also further once repeatedly then later has have had will would recently previously earlier firmly again
clearly explicitly publicly never always often even still fully specifically strongly particularly already
just yesterday today
""".split()
# "X said in his speech that ...": nouns of such a place of speaking
SPEAKING_OCCASIONS = """
statement interview speech letter report article message briefing conference meeting remarks address book
essay op-ed post
""".split()
# finite verbs: a noun phrase ends before them
FINITE_VERBS = "is are was were has have had will can could would should may might must did does do".split()
# words that end a group's noun phrase ("people took to the street": the phrase is "people")
NP_STOP_WORDS = frozenset("""
also have has took take takes made make makes gave give gives came come went go held hold met meet saw see
told tell said say says who which that being joined gathered marched protested rallied
""".split())
# conjunctions (and the focus adverb "even") cut off the start of a subject ("As the white paper says", "Yet
# Democratic economists say", "Even Republicans warned")
LEADING_CONJUNCTIONS = "as while although though because since if when and but so yet even".split()
GROUP_PHRASE_WINDOW = 60   # characters around a group noun searched for its phrase ("foreign guests attending")

# ----------------------------------------- labels, dialogues and framed texts
# a paragraph-initial "Label:" that is not a speaker
# one-word labels that take turns at least this share of the time are a dialogue's (surface.labels)
MIN_LABEL_ALTERNATION = 0.5
NON_SPEAKER_LABELS = frozenset("""
note notes abstract source sources photo photos editor editor's keywords key words topic date title
related read update updated correction excerpt excerpts summary background tags tag video audio
file caption image images chairperson speakers speaker attachment attachments contact address email
tel fax web website links link reference references pros cons verdict
themen thema sprecher quelle datum temas tema fuente fecha sujets sujet intervenants
""".split())   # the last line: some of the same in German, Spanish and French ("Themen:", "Sprecher:" over a transcript)
# the same in Chinese and Japanese ("日期：", "原标题：" over a page); these scripts have no spaces to cut words at,
# so a label is these words whole
CJK_NON_SPEAKER_LABELS = frozenset("""
日期 时间 時間 来源 來源 出处 出處 作者 编辑 編輯 责任编辑 責任編輯 标题 標題 原标题 原標題 发布时间 發佈時間 发表时间
發表時間 更新 更新时间 更新時間 图片 圖片 照片 摄影 攝影 关键词 關鍵詞 关键字 關鍵字 摘要 注 备注 備註 链接 鏈接 附件
地址 电话 電話 邮箱 郵箱 阅读 閱讀 阅读次数 閱讀次數 点击 點擊 分享 主题 主題 话题 話題 相关阅读 相關閱讀 延伸阅读
延伸閱讀 网址 網址 出典 写真 日付 配信 見出し
""".split())
# verbs that end the words before a colon introducing a quotation in Chinese ("汪文斌表示：“……”", "他说："): the words
# are a sentence, not a speaker's label (the verb alone is one, as are "问：", "记者问：", question, reporter asks)
CJK_SPEECH_VERBS = ("说", "說", "称", "稱", "道", "表示", "指出", "强调", "強調", "介绍", "介紹", "认为", "認為", "宣布",
                    "回答", "回应", "回應", "提到", "透露", "表明", "坦言", "直言", "说明", "說明", "呼吁", "呼籲",
                    "重申", "写", "寫")
# characters no name or role holds, found in a clause before a colon ("中方的立场是：", China's position is:)
CJK_CLAUSE_CHARACTERS = frozenset("的是")
CJK_OPENING_QUOTES = "「『"      # Chinese and Japanese corner brackets, where other scripts open quotation marks
# words at the head of a paragraph ("Abstract:") that label a section, not a speaker; cut off like labels
SECTION_LABELS = frozenset("""
abstract summary keywords note notes excerpt excerpts background
""".split())
# one-word labels that name a dialogue role or a news agency are always labels ("Interviewer:", "Reuters:");
# a dialogue role is no name: its speaker stays a role-only participant of its document (flows/steps/speakers.py)
DIALOGUE_ROLE_LABELS = frozenset("""
Interviewer Interviewee Moderator Host Presenter Anchor Reporter Journalist Correspondent Question Answer
Chairperson Chair Spokesperson Spokesman Spokeswoman Guest Caller Audience Participant Panelist Narrator
""".split()) | frozenset("""
Frage Zusatzfrage Nachfrage Antwort Moderatorin Journalistin Reporterin
Pregunta Respuesta Interlocutor Interlocutora Intervención Reportero Reportera Periodista Moderador Moderadora
Réponse Journaliste Animateur Animatrice Intervenant Intervenante
Domanda Risposta Giornalista Pergunta Resposta Jornalista Repórter Vraag Antwoord Verslaggever
""".split())   # the same roles in German, Spanish, French, Italian, Portuguese and Dutch transcripts
AGENCY_LABELS = frozenset(a.capitalize() for a in NEWS_AGENCIES)
ROLE_LABELS = DIALOGUE_ROLE_LABELS | AGENCY_LABELS
MAX_LABEL_WORDS = 5
TITLE_CASE_SHARE = 0.8     # of a title's words of four letters or more capitalised: written in title case
MAX_TITLE_NAME_WORDS = 3   # words of a title-case run that may hold a word the body never writes and still be a name
MAX_ACRONYM_LABEL = 6      # "CCTV:", "GM:" - a longer all-caps word is a heading
DIALOGUE_MIN_PERSONAL_SHARE = 0.25   # share of paragraphs saying I/we/you that makes bare-name lines turns
MIN_BARE_NAME_LABELS = 2   # names alone on their lines that make them speaker labels (one is a byline)
# sentences that hand the following text to another voice ("Following is the full text of the letter")
FRAMING = (r"(?:following|below|here)\s+(?:is|are)\s+(?:the\s+)?(?:full\s+)?(?:text|transcript|excerpts?)"
           r"|\bfull\s+text\s+of\b|\bsome\s+excerpts\s*:|\bexcerpts\s*:")
# sentences that introduce an interview (before the first turn: narration)
INTERVIEW_FRAMING = (r"\binterview\w*\b|\btranscri\w+|\bthe\s+followings?\s+(?:is|are)\b"
                     # the same in German, Spanish, French and Italian ("Versión estenográfica", "eröffnet die
                     # Pressekonferenz")
                     r"|\bentrevist\w*|\be?st[eé]nogr\w+|\bconferencia\s+de\s+prensa\b|\bpressekonferenz\b"
                     r"|\bmitschrift\b|\bentretien\w*|\bconf[ée]rence\s+de\s+presse\b|\bintervist\w*"
                     r"|\binvited\s+to\b|\bconversation\s+with\b"
                     r"|\b(?:we|i)\s+(?:spoke|talked)\s+(?:to|with)\b"
                     r"|\b(?:we|i)\s+(?:reached|asked|met|caught\s+up\s+with)\s+(?:him|her|them)\b"
                     # in Chinese and Japanese, which have no spaces for \b to find ("本台记者对她进行了专访",
                     # "例行记者会", "記者会見"; simplified and traditional)
                     r"|专访|專訪|采访|採訪|访谈|訪談|记者会|記者會|答记者问|答記者問|发布会|發布會|發佈會|会見|インタビュー")
# titles of a dialogue that one named person holds and answers in ("Spokesperson Jane Roe's Regular Press
# Conference", "Interview with Jane Roe"): that person answers under the anonymous label "A"
# (attribute.surface.dialogue._host_named_by_the_title)
DIALOGUE_TITLE = (r"\b(?:press|news)\s+(?:conference|availability)\b|\bbriefing\b|\binterview\w*\b"
                  r"|\bq\s*&\s*a\b|\btranscript\b")
# words before a speaker's own full name that introduce themselves ("My name is Jane Roe", "I'm Jane Roe")
SELF_INTRODUCTIONS = (r"\bI['’]m", r"\bI\s+am", r"\b[Mm]y\s+name\s+is", r"\b[Tt]his\s+is")
QUESTION_WORDS = frozenset("""
what why how when where who whom whose which do does did is are was were can could would will
should shall have has may might
""".split())

# ----------------------------------------------------- unlabelled transcripts
# an unlabelled, all-lower-case transcript (speech recognition): how long, how personal, and who speaks
TRANSCRIPT_MIN_LETTERS = 200
TRANSCRIPT_MAX_UPPER_SHARE = 0.005   # capitals per Latin letter: edited English has ~3%
TRANSCRIPT_MIN_PERSONAL = 3
TRANSCRIPT_ROLES = ("interviewer", "interviewee")
# an interview printed without labels: one-question paragraphs, each followed by its answer
QA_MAX_QUESTION_SENTENCES = 3
QA_MAX_QUESTION_CHARS = 400
QA_MIN_QUESTIONS = 3           # questions, each answered
QA_MIN_QUESTION_SHARE = 0.2    # of the paragraphs from the first question on
# "you" that does not address the listener (transcripts)
GENERIC_YOU = ("you know", "if you", "you can", "you see", "thank you")


# ---------------------------------------------------------- learned data files (flows/steps/data/)
def _data_rows(name: str) -> list[list[str]]:
    """Tab-separated rows of a data file shipped in the flows.steps package, comments skipped."""
    text = importlib.resources.files("flows.steps").joinpath("data", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def in_both_numbers(nouns) -> frozenset[str]:
    """Rule ``source_noun_in_both_numbers``: ``nouns`` with the regular other number of each ("strategists" ->
    "strategist", "company" -> "companies", "poll" -> "polls"): a noun that heads a source does so in the singular
    and the plural alike, whichever a list happened to see. Words that end in -ss, -us or -is ("press",
    "census", "analysis") are taken for singulars only."""
    out = set(nouns)
    for w in (w for w in nouns if w.replace("-", "").isalpha()):     # no abbreviations ("gov.")
        if w.endswith("ies") and len(w) > 4:
            out.add(w[:-3] + "y")
        elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
            out.add(w[:-2] if w.endswith(("ches", "shes", "xes")) else w[:-1])
        elif w.endswith("y") and w[-2:-1] not in "aeiou":
            out.add(w[:-1] + "ies")
        else:
            out.add(w + ("es" if w.endswith(("ch", "sh", "x", "s")) else "s"))
    return frozenset(out)


# reporting verbs learned from PolNeAR train by tools/learn_cue_verbs.py: lemma -> every surface form
CUE_VERB_LEMMAS = {row[0]: tuple(row[3].split(",")) for row in _data_rows("cue_verbs.tsv")}
CUE_VERB_FORMS = frozenset(form for forms in CUE_VERB_LEMMAS.values() for form in forms)
# verbs of saying whose own clause is reported speech whatever the cue classifier weighs (cues.says_a_clause)
CLAUSE_CUE_LEMMAS = ("say", "tell", "add")
CLAUSE_CUE_FORMS = frozenset(form for lemma in CLAUSE_CUE_LEMMAS for form in CUE_VERB_LEMMAS[lemma])
# verbs of asking whose "if"/"whether" clause is their content, an indirect question (cues.cue_content)
QUESTION_CUE_LEMMAS = ("ask",)
QUESTION_CUE_FORMS = frozenset(form for lemma in QUESTION_CUE_LEMMAS for form in CUE_VERB_LEMMAS[lemma])
QUESTION_MARKS = frozenset(("if", "whether"))    # subordinators of an indirect yes/no question
# verbs that deliver words verbatim: the cue of a sentence that only attributes the quotation before it
# ('"...?" Todd asked the candidate.'; not '"..." The region refers to the towns east of ...')
QUOTATION_CUE_LEMMAS = ("say", "tell", "add", "ask", "write", "tweet", "reply", "respond", "explain", "continue",
                        "insist", "joke", "note", "recall", "admit", "warn", "declare", "argue", "remark", "email",
                        "concede", "acknowledge", "conclude", "quote", "state", "boast", "lament", "counter")
QUOTATION_CUE_FORMS = frozenset(form for lemma in QUOTATION_CUE_LEMMAS for form in CUE_VERB_LEMMAS[lemma])
# "as X put it": the verb of the idiom, a cue only with "as" and the object "it" (cues.cue_tokens)
AS_PUT_IT_FORMS = frozenset(("put", "puts"))
ROOT_SAYING_MIN_SHARE = 0.2  # the share a verb of saying that is its sentence's main verb needs (cues.says_a_clause)
REPORTED_MIN_SHARE = 0.5     # share of a sentence's letters and digits in a cue's content that makes it reported
# with the cue classifier: below this content share a reading is never reported, whatever the classifier says
# ("X issued a white paper": an object, not reported content, in STATEMENTS.md's sense)
CLASSIFIED_MIN_SHARE = 0.2
# quantifiers that stand for people when they head a phrase on their own ("Some said ...", "many of them argue")
QUANTIFIER_SOURCES = frozenset("some many several few most both".split())
# nouns that head a generic source ("officials said", "the poll found"): the hand list, title words and
# the heads of PolNeAR train's generic sources (tools/learn_cue_verbs.py), less verb forms; and the quantifiers
REPORTED_SOURCE_NOUNS = frozenset(
    in_both_numbers(SOURCE_NOUNS | TITLE_WORDS | {row[0] for row in _data_rows("source_nouns.tsv")})
    - CUE_VERB_FORMS - HONORIFICS) | QUANTIFIER_SOURCES
# logistic-regression weights over cues.clause_features, learned from PolNeAR train by
# tools/train_cue_classifier.py: whether a (cue, source) reading of a sentence is reported speech
CUE_CLASSIFIER = json.loads(importlib.resources.files("flows.steps").joinpath("data", "cue_classifier.json")
                            .read_text(encoding="utf-8"))
# logistic-regression weights over attribute.review.sentence_features, learned from PolNeAR train by
# tools/train_sentence_classifier.py: whether a sentence, with the sieves' draft around it, is reported content
SENTENCE_CLASSIFIER = json.loads(importlib.resources.files("flows.steps").joinpath("data", "sentence_classifier.json")
                                 .read_text(encoding="utf-8"))


# ---------------------------------------------------------------------- outlets
# names an outlet or wire goes by, in any script -> its canonical name (flows/steps/data/outlets.tsv)
OUTLET_ALIASES = tuple((row[0], row[1]) for row in _data_rows("outlets.tsv"))
# a word that makes a short header line site furniture or an event, not an outlet ("Post Featured Image",
# "Regular Press Conference", "• Customer Service")
NOT_OUTLET_WORDS = frozenset("""
featured image images picture pictures photo photos gallery video videos customer subscribe subscription
login sign menu share comments comment print email advertisement advertise contact cookie cookies
conference briefing session meeting remarks speech transcript statement
""".split())
MAX_OUTLET_WORDS = 8


# ----------------------------------------------------------------------- header zone (flows/steps/clean.py, header.py)
# a header line that is only one of these is a label ("Speakers:", "Keywords"), not a title or a name
HEADER_LABELS = frozenset("""
speakers speaker chairperson chair moderator host hosts date time venue location place abstract keywords key
words contents content summary source editor editors author authors tags tag photo photos foreword preface
introduction conclusion references notes
""".split())
# labels of a keyword list at the head of a line ("Keywords: ...", "关键词：..."), and of an abstract:
# a label is cut off its line, a keyword list dropped
KEYWORD_LABELS = ("keywords", "keyword", "key words", "tags", "关键词", "關鍵詞")
ABSTRACT_LABELS = ("abstract", "summary", "摘要")
# a short line made only of these under the title is a site section, not an outlet ("World News")
SECTION_WORDS = frozenset("""
world china news latest top business opinion politics sports culture society home video videos photo photos
live international national local breaking world's asia europe us
""".split())
# a journalist's role in a byline ("Example News reporter Jo Roe", "Jo Roe, Environment correspondent"); the
# plural is read too
JOURNALIST_ROLES = ("reporter", "correspondent", "staff writer", "editor", "writer", "columnist", "critic")
# what opens a byline: a phrase ending in "by" ("By Jo Roe", "Interview by: Jo Roe"), or a label before a colon
# ("Author: Jo Roe", "作者：..."), the journalist roles among them, less the editor (an editor's credit is no author);
# a Latin label is read in the plural too ("Authors:")
BYLINE_BY_PHRASES = ("by", "written by", "reported by", "interview by", "interviewed by", "text by", "words by",
                     "story by")
BYLINE_LABELS = ("byline", "by-line", "by line", "author", "作者", "记者", "記者", "文") + tuple(
    r for r in JOURNALIST_ROLES if r != "editor")
# a word that keeps a run of capitalised words from being a person's name in a header line
NOT_NAME_WORDS = frozenset("""
news home latest lastest current related article articles story stories video photo photos society world
china opinion business voice contents foreword preface abstract introduction conclusion keywords speakers
chairperson date source comments more menu search top features sports by staff team desk
culture politics economy live updates
highlights daily times post review weekly agency press office international national republic people party
committee council ministry forum human rights
""".split()) | {w + plural for role in JOURNALIST_ROLES for w in role.split() for plural in ("", "s")}
# words that make a header line an outlet's name ("... News", "... Daily", a wire), matched case-insensitively
# the last word of a newspaper's name ("Example Daily", "The Example Herald")
NEWSPAPER_NAME_ENDS = tuple("news daily times post review herald tribune gazette weekly".split())
OUTLET_WORDS = NEWSPAPER_NAME_ENDS + tuple("""
agency press tv radio network media journal newswire wire online magazine service channel broadcast
""".split()) + WIRE_WORDS
# the last characters of a Chinese outlet's name: agency, site, paper, station, news, daily ("新华社", "人民日报"); and
# the "dispatch" that closes a Chinese dateline ("新华社北京6月24日电")
CJK_OUTLET_ENDS = ("社", "网", "網", "报", "報", "台", "新闻", "新聞", "日报", "日報")
CJK_DISPATCH_MARKS = ("电", "電", "讯", "訊")
# the lower-case words inside an organisation's name ("Ministry of Foreign Affairs", "Centre for the Study and ...")
ORG_NAME_CONNECTIVES = ("of", "the", "for", "and")
# verbs that say a text was put on a page ("Posted on 8 February 2024", "Published in World", "first published in")
POSTING_VERBS = ("published", "posted")
# verbs that label a page's date ("Posted on 8 February 2024", "Updated: 2023-06-14", "Last modified: ...")
PUBLICATION_VERBS = POSTING_VERBS + ("updated", "last modified")
# labels of a byline field that names where a text came from ("Source: Xinhua", "来源：...")
SOURCE_LABELS = ("source", "来源", "來源", "出处")
# labels of a date stamp in the header zone, the publication verbs among them; each a word or phrase
DATE_LABELS = PUBLICATION_VERBS + (
    "release time", "update time", "last updated", "release", "update", "date", "time",
    "发表时间", "發表時間", "发布时间", "發佈時間", "发布日期", "时间", "時間", "日期")
# labels of an editor's credit in Chinese ("责任编辑：王五", "[编辑：李四]"); the English "editor" is read with its
# qualifiers in clean._CREDIT
EDITOR_LABELS = ("责任编辑", "責任編輯", "编辑", "編輯", "责编", "責編")
# a desk or team credited instead of a person ("Example Times Web Desk", "Jo Roe, Example Post Staff Writer")
DESK_WORDS = ("web team", "web desk", "news desk", "desk", "staff", "staff writer", "staff writers")
# a headline's rubric before a colon ("Opinion: ...", "Q&A: ..."); the opinion and feature rubrics also follow an
# outlet's name in a title ("Example Times editorial", "Example Daily interview")
OPINION_RUBRICS = ("editorial", "commentary", "opinion")
FEATURE_RUBRICS = ("interview", "exclusive", "analysis")
RUBRICS = OPINION_RUBRICS + FEATURE_RUBRICS + (
    "panel", "transcript", "full text", "explainer", "review", "q&a", "q & a", "watch", "live", "podcast", "video",
    "debate", "poll", "quiz", "factbox", "factcheck", "fact check")
OUTLET_GENRES = OPINION_RUBRICS + FEATURE_RUBRICS + ("view", "dialogue", "conversation", "op-ed")
# capitalised heads of an issuing body's name under the title ("Ministry of ...", "... Council")
ISSUING_BODY_WORDS = tuple("""
Office Ministry Council Agency Commission Committee Department Bureau Institute Center Centre Society
Association Foundation Organization Organisation Embassy Mission Consulate Academy Federation Secretariat
Administration
""".split())


# ------------------------------------------------------------ site furniture (flows/steps/boilerplate.py)
# social networks and messengers a page is followed on or shared to ("Follow us on Weibo", "Share: Facebook | X")
SOCIAL_NETWORKS = ("facebook", "twitter", "x", "instagram", "youtube", "linkedin", "tiktok", "pinterest", "reddit",
                   "whatsapp", "telegram", "weibo", "wechat", "qq", "qq空间", "微信", "微博")
# a share menu's other buttons ("Share | Tweet | Email | Print | Copy link")
SHARE_BUTTONS = ("share", "tweet", "email", "e-mail", "print", "copy link",
                 # "share" in the languages of the corpora ("Partager :", "Teilen", "مشاركة :", "Поделиться")
                 "partager", "teilen", "compartir", "compartilhar", "condividi", "delen", "udostępnij", "paylaş",
                 "поделиться", "поширити", "مشاركة", "شارك", "共有", "공유")
# the items of a site's menu, a line of them alone or separated by bars ("Home | About us | Contact")
SITE_MENU_ITEMS = ("home", "about", "about us", "contact", "contact us", "privacy", "privacy policy", "terms of use",
                   "terms of service", "terms and conditions", "cookie policy", "sitemap", "site map", "advertise",
                   "advertise with us", "careers", "rss", "newsletter", "newsletters", "subscribe", "login", "log in",
                   "sign in", "register")
# headings of a list of other articles ("Related stories", "Most read", "相关新闻"): the short lines under one are
# linked headlines (clean reads them as a related list); "More from <section>" is one too (boilerplate.MORE_FROM)
RELATED_LIST_HEADINGS = (
    "related", "related article", "related articles", "related story", "related stories", "related news",
    "related post", "related posts", "related content", "related reading", "related link", "related links",
    "related coverage", "more stories", "more on this story", "you may also like", "recommended",
    "recommended stories", "recommended for you", "most popular", "most read", "most viewed", "top stories",
    "trending", "trending now", "editor's pick", "editor's picks", "editors pick", "editors picks", "latest news",
    "latest headlines", "top headlines", "more headlines",
    "read next", "up next", "what to read next", "further reading", "see also", "also read", "read also",
    "相关新闻", "相關新聞", "相关阅读", "推荐阅读", "热门推荐")
# labels of a breadcrumb trail ("You are here: Home > World"); the weaker location labels name a trail only
# before its "Home >" ("位置：首页 > 新闻"): alone they may head an address or a venue
BREADCRUMB_LABELS = ("your position", "you are here", "当前位置", "您的位置")
LOCATION_LABELS = ("current location", "位置")
# other headings of more text that open no list ("Read more", "Story highlights", "阅读全文")
MORE_HEADINGS = ("read more", "for more", "more", "story highlights", "lastest news", "current news",
                 "续きを読む", "続きを読む", "阅读全文", "閱讀全文", "查看更多", "更多")


# ------------------------------------------------------------ speaker names (what a name is not)
# a full stop after these ends no name ("Sen. Ann Berg", "Dec. 8", "Acme Inc. Chief"): every abbreviation
# the sentence splitter knows, and the abbreviated titles
NAME_ABBREVIATIONS = frozenset(ABBREVIATIONS | ABBREVIATIONS_BEFORE_NUMBER | LOWER_CONTINUATION_ABBREVIATIONS
                               | {t.rstrip(".") for t in TITLE_WORDS | HONORIFICS if t.endswith(".")})
# typographic quotation marks and apostrophes, each with the ASCII mark the English model's training text has in its
# place: the model reads a token that holds them by the features of its ASCII form (parse.read_typographic_marks_as_ascii)
TYPOGRAPHIC_AS_ASCII = {"“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"',
                        "‘": "'", "’": "'", "‚": "'", "‛": "'"}
# endings of contractions: "They've", "We're", "I'm", "Don't" are a pronoun or verb, never a name word
CONTRACTION_ENDINGS = ("'ve", "'re", "'ll", "'d", "'m", "n't", "’ve", "’re", "’ll", "’d", "’m", "n’t")
# sentence adverbs and prepositions that open a sentence before a name, capitalised only by their place
# ("Maybe Donald Trump ...", "Like Rove, the campaign ..."): never a word of the name (surface rules, which
# see no parse; the parsed rules read the same from the tagger)
NAME_OPENERS = frozenset("""
maybe perhaps probably possibly certainly surely clearly obviously apparently actually
well like unlike unless until despite although though whether because whereas
""".split())

"""Agents' questions, each with the passages that answer it: the answer-level evaluation set.

Written before any tuning, phrased as agents and trainees ask on a call (not copied from the
headings), over the shipped articles; the distractor procedures (benchmarks.distractors) make
them compete with hundreds of near misses. Alternate questions of each language form the dev
half (tuning, the answer card's margin) and the test half (reported, never tuned on).

Each entry: the question, the article slug, and the anchors of the passages that answer it (a
row or step first; the section that says the same, where there is one).
"""

from __future__ import annotations

from dataclasses import dataclass

TR, CN, KC, PT, RP = (
    "transfer-to-retention",
    "call-next-process",
    "key-client-switching",
    "post-turn-up-customer-care",
    "retention-did-porting",
)
R = "dt-retention-transfer-"
W = "wt-call-back-"
K = "dt-key-client-topics-"
P = "wt-retention-process-"


@dataclass(frozen=True)
class Question:
    lang: str
    text: str
    slug: str
    anchors: tuple[str, ...]
    split: str  # "dev" or "test"


_EN = [
    ("customer wants to cancel their policy, where do I send them", TR, R + "cancel"),
    ("caller wants to end the contract", TR, R + "cancel"),
    ("can I change the customer's zip code myself", TR, R + "contact-details"),
    ("customer moved house and needs the new address on the account", TR, R + "property-address"),
    ("customer asks what their plan covers", TR, R + "coverage-items"),
    ("customer wants a kit mailed out to them", TR, R + "coverage-items"),
    ("unhappy customer wants money back after a bad repair", TR, R + "service-job-refund"),
    (
        "caller demands to talk to a manager about the technician visit",
        TR,
        R + "supervisor-request",
    ),
    ("ServiceBench says dunning pending cancel, do I transfer", TR, R + "dunning-pending-cancel"),
    ("contract is flagged red in TIMX", TR, R + "red-flag"),
    ("customer wants to pay their premium over the phone", TR, R + "payment-billing"),
    ("customer has a question about a charge on the bill", TR, R + "payment-billing"),
    ("customer wants to buy additional coverage for a new appliance", TR, R + "new-coverage"),
    ("add the customer's wife as an authorised user", TR, R + "authorized-user"),
    ("customer wants to reactivate a contract that was cancelled", TR, R + "reinstate"),
    ("customer wants to upgrade with extra add-ons", TR, R + "options-additions"),
    (
        "what must I read out before I transfer a call",
        TR,
        "recording-disclosure",
        "dt-retention-transfer",
    ),
    ("exact wording of the call recording statement", TR, "recording-disclosure"),
    ("why shouldn't I send every call to retention", TR, "why-this-process-matters"),
    ("customer wants to update the email address on file", TR, R + "contact-details"),
    ("customer does not agree to the call being recorded", CN, W + "consent"),
    (
        "how do I open the conversation when ringing a customer back",
        CN,
        W + "introduce",
        "when-the-customer-answers",
    ),
    (
        "nobody picked up when I rang the customer",
        CN,
        W + "voicemail",
        "if-the-customer-doesn-t-answer",
    ),
    (
        "customer put the phone down on me, which email do I send",
        CN,
        "if-the-customer-hangs-up-on-you",
        W + "hung-up",
    ),
    ("which tag goes on the ticket once I've called", CN, W + "after-call", "after-the-call"),
    ("customer says now is a bad time to talk", CN, W + "bad-time", "when-the-customer-answers"),
    ("in which cases do we phone a customer", CN, "when-to-call-a-customer", W + "reason"),
    ("template to send after leaving a voicemail about logging in", CN, W + "sr-login-vm"),
    ("couldn't leave a message for someone who never logged in", CN, W + "sr-login-no-vm"),
    ("customer hung up and they had asked for a refund", CN, W + "hung-up-refund"),
    ("follow up email after ringing about the exchange offer", CN, W + "sr-exchange"),
    ("we agreed I would ring them back later", CN, W + "callback-scheduled"),
    ("customer says they aren't ready to log in yet, which template", CN, W + "sr-login-spoke"),
    ("I don't know how to walk someone through the login", CN, "what-to-say"),
    ("business customer's phone was stolen and the number must be blocked", KC, K + "block-number"),
    (
        "corporate client wants to switch off an extra service on a company line",
        KC,
        K + "extra-services",
    ),
    ("KEY client asks about deals and discounts for companies", KC, K + "promotions"),
    ("corporate client asks when their invoice has to be paid", KC, K + "finance"),
    ("corporate client needs a replacement SIM", KC, K + "procedures"),
    ("KEY client going abroad asks how much roaming costs", KC, K + "roaming"),
    ("client wants their invoice sent by e-mail", KC, K + "invoice-email"),
    ("one combined bill for every number on the contract", KC, K + "consolidated-invoice"),
    ("corporate client wants to terminate the agreement", KC, K + "termination"),
    (
        "a company wants to join our network and asks about business tariffs",
        KC,
        "dt-potential-client-topics-connect-network",
    ),
    (
        "prospective business client wants an 8-800 number",
        KC,
        "rt-telesales-hours",
        "connecting-to-beeline-business-telesales-or-case",
    ),
    (
        "telesales is closed, what do I do with a new business lead",
        KC,
        "rt-telesales-hours",
        "connecting-to-beeline-business-telesales-or-case",
    ),
    (
        "which details do I need to raise a CASE",
        KC,
        "cl-case-form",
        "required-parameters",
        "case-parameters",
    ),
    (
        "client refuses to give any company details",
        KC,
        "if-the-client-does-not-want-to-leave-any-details",
    ),
    ("what do I put in the comment when switching a call", KC, "how-to-record-the-switch"),
    ("who deals with KEY clients and at what hours", KC, "who-performs-the-procedure-and-when"),
    ("corporate client asks about the Mobile Budget service", KC, K + "mobile-budget"),
    (
        "which VIP levels go to telesales",
        KC,
        "potential-clients-who-is-switched-to-telesales",
        "dt-potential-client-topics",
    ),
    (
        "legal entity interested in FMC or intranet services",
        KC,
        "dt-potential-client-topics-special-services",
    ),
    (
        "what information should I keep on file for each customer",
        PT,
        "cl-customer-info",
        "2-keep-track-of-customer-information",
    ),
    (
        "customer is leaving their old carrier and needs help",
        PT,
        "3-help-the-customer-through-the-disconnect-process",
        "cl-disconnect-advice",
    ),
    ("how often should I check in with my customers", PT, "4-call-your-customers-quarterly"),
    ("customer keeps calling me with problems for the carrier", PT, "1-be-the-carrier-liaison"),
    (
        "what to tell a customer before they disconnect from the previous provider",
        PT,
        "cl-disconnect-advice",
        "3-help-the-customer-through-the-disconnect-process",
    ),
    (
        "how do I work out the PNV balance",
        RP,
        "calculating-the-pnv-balance",
        "calc-pnv-balance",
        P + "calculate",
    ),
    ("who gets told about VPL customers", RP, "who-to-notify", P + "notify-sales"),
    ("PNV balance came out at 40, do I tell sales", RP, P + "below-threshold", "calc-pnv-balance"),
    (
        "what goes in the message to the sales team",
        RP,
        "details-to-include-in-the-notification",
        "cl-pnv-notification",
    ),
    ("porting customer didn't answer the sales rep's call", RP, P + "email"),
    ("what can we offer a customer so they stay", RP, "retention-offer", P + "offer"),
    (
        "customer needs some time to think the offer over",
        RP,
        "follow-up-call-if-necessary",
        P + "follow-up",
    ),
    ("customer decided to port away after all", RP, P + "ported-away", "closure-and-feedback"),
    (
        "who do I inform after speaking with a porting customer",
        RP,
        "notifying-megan-and-anton",
        P + "notify-managers",
    ),
    (
        "where are the interactions with porting customers logged",
        RP,
        "documentation",
        P + "document",
    ),
    ("customer accepted the offer and is staying", RP, P + "retained"),
    ("who spots accounts with lots of DIDs leaving", RP, "identification", P + "identify"),
    ("client wants compensation for the repair job", TR, R + "service-job-refund"),
    ("can I transfer a caller who asks for a supervisor", TR, R + "supervisor-request"),
    ("customer is behind on payments and the contract is flagged", TR, R + "red-flag"),
    ("billing question, do I transfer it", TR, R + "payment-billing"),
    ("adding another person to the contract", TR, R + "authorized-user"),
    ("customer is asking to stop their coverage", TR, R + "cancel"),
    ("recording consent wording on a call back", CN, W + "consent", "when-the-customer-answers"),
    ("examples of voicemails to leave", CN, "if-the-customer-doesn-t-answer", W + "voicemail"),
    ("corporate number to be blocked after theft", KC, K + "block-number"),
    ("itemised bill for a corporate client", KC, K + "finance"),
]

_RU = [
    ("клиент хочет расторгнуть договор, куда переводить", TR, R + "cancel"),
    ("клиент отказывается от договора", TR, R + "cancel"),
    ("можно ли самому поменять почтовый индекс", TR, R + "contact-details"),
    ("клиент переехал, нужно сменить адрес объекта", TR, R + "property-address"),
    ("клиент спрашивает, что покрывает его договор", TR, R + "coverage-items"),
    ("клиент просит прислать ему fulfillment kit", TR, R + "coverage-items"),
    ("клиент недоволен ремонтом и хочет вернуть деньги", TR, R + "service-job-refund"),
    ("клиент требует начальника из-за сервисной заявки", TR, R + "supervisor-request"),
    ("статус dunning pending cancel, переводить ли звонок", TR, R + "dunning-pending-cancel"),
    ("у договора красный флаг в TIMX", TR, R + "red-flag"),
    ("клиент хочет оплатить премию по договору", TR, R + "payment-billing"),
    ("у клиента вопрос по счёту", TR, R + "payment-billing"),
    ("клиент хочет оформить новое покрытие", TR, R + "new-coverage"),
    ("добавить ещё одного пользователя в договор", TR, R + "authorized-user"),
    ("клиент хочет возобновить договор", TR, R + "reinstate"),
    ("клиент хочет докупить опции к договору", TR, R + "options-additions"),
    (
        "что нужно зачитать перед переводом звонка",
        TR,
        "уведомление-о-записи-разговора",
        "dt-retention-transfer",
    ),
    ("дословный текст предупреждения о записи", TR, "уведомление-о-записи-разговора"),
    ("почему нельзя переводить все звонки в удержание", TR, "почему-важно-соблюдать-порядок"),
    ("поменять клиенту электронную почту", TR, R + "contact-details"),
    ("клиент не согласен на запись звонка", CN, W + "consent"),
    (
        "как начать разговор, когда перезваниваешь клиенту",
        CN,
        W + "introduce",
        "если-клиент-ответил",
    ),
    ("клиент не взял трубку", CN, W + "voicemail", "если-клиент-не-ответил"),
    (
        "клиент положил трубку, какое письмо отправлять",
        CN,
        "если-клиент-бросил-трубку",
        W + "hung-up",
    ),
    ("какой тег ставить после звонка", CN, W + "after-call", "после-звонка"),
    ("клиенту сейчас неудобно разговаривать", CN, W + "bad-time", "если-клиент-ответил"),
    ("в каких случаях мы звоним клиенту", CN, "когда-нужно-звонить-клиенту", W + "reason"),
    ("шаблон после голосового сообщения про вход", CN, W + "sr-login-vm"),
    ("не смог оставить сообщение клиенту, который не входил", CN, W + "sr-login-no-vm"),
    ("клиент бросил трубку, а он просил вернуть деньги", CN, W + "hung-up-refund"),
    ("письмо после звонка по предложению обмена", CN, W + "sr-exchange"),
    ("договорились, что я перезвоню позже", CN, W + "callback-scheduled"),
    ("клиент пока не готов входить, какой шаблон", CN, W + "sr-login-spoke"),
    ("не знаю, как провести клиента через вход", CN, "что-сказать-клиенту"),
    ("у корпоративного клиента украли телефон, нужно заблокировать номер", KC, K + "block-number"),
    ("отключить дополнительную услугу на корпоративном номере", KC, K + "extra-services"),
    ("какие скидки есть для юрлиц", KC, K + "promotions"),
    ("корпоративный клиент спрашивает, до какого числа оплатить счёт", KC, K + "finance"),
    ("заменить сим-карту KEY-клиенту", KC, K + "procedures"),
    ("сколько стоит роуминг для корпоративного клиента", KC, K + "roaming"),
    ("прислать счёт на электронную почту", KC, K + "invoice-email"),
    ("один счёт на все номера договора", KC, K + "consolidated-invoice"),
    ("корпоративный клиент хочет расторгнуть договор", KC, K + "termination"),
    (
        "компания хочет подключиться к нашей сети, спрашивает про тарифы для бизнеса",
        KC,
        "dt-potential-client-topics-connect-network",
    ),
    (
        "юрлицо хочет подключить номер 8-800",
        KC,
        "rt-telesales-hours",
        "подключение-к-билайн-бизнес-телепродажи-или-case",
    ),
    (
        "телепродажи не работают, что делать с новым клиентом-юрлицом",
        KC,
        "rt-telesales-hours",
        "подключение-к-билайн-бизнес-телепродажи-или-case",
    ),
    ("какие данные нужны для CASE", KC, "cl-case-form", "обязательные-параметры", "параметры-case"),
    ("клиент не хочет оставлять контакты", KC, "если-клиент-не-хочет-оставлять-данные"),
    ("что писать в комментарии при переключении звонка", KC, "как-оформить-переключение"),
    ("кто работает с KEY-клиентами и в какие часы", KC, "кто-и-когда-выполняет-процедуру"),
    ("вопрос про услугу мобильный бюджет", KC, K + "mobile-budget"),
    (
        "каких VIP-клиентов переключать на телепродажи",
        KC,
        "потенциальные-клиенты-кого-переключать-на-телепродажи",
        "dt-potential-client-topics",
    ),
    ("юрлицо интересуется интрасетью", KC, "dt-potential-client-topics-special-services"),
    (
        "какие сведения о клиенте нужно хранить",
        PT,
        "cl-customer-info",
        "2-ведите-учет-данных-клиента",
    ),
    (
        "клиент уходит от старого оператора, нужна помощь",
        PT,
        "3-помогите-клиенту-отключиться-от-прежнего-оператора",
        "cl-disconnect-advice",
    ),
    ("как часто звонить своим клиентам", PT, "4-звоните-клиентам-раз-в-квартал"),
    (
        "клиент звонит мне с проблемами у оператора связи",
        PT,
        "1-станьте-посредником-между-клиентом-и-оператором",
    ),
    (
        "что объяснить клиенту перед отключением от прежнего провайдера",
        PT,
        "cl-disconnect-advice",
        "3-помогите-клиенту-отключиться-от-прежнего-оператора",
    ),
    ("как посчитать PNV balance", RP, "расчет-pnv-balance", "calc-pnv-balance", P + "calculate"),
    ("кого уведомлять по клиентам VPL", RP, "кого-уведомить", P + "notify-sales"),
    ("PNV balance меньше 60, сообщать ли в продажи", RP, P + "below-threshold", "calc-pnv-balance"),
    (
        "что написать в сообщении отделу продаж",
        RP,
        "что-указать-в-уведомлении",
        "cl-pnv-notification",
    ),
    ("клиент не ответил на звонок менеджера по продажам", RP, P + "email"),
    ("что можно предложить клиенту, чтобы он остался", RP, "предложение-по-удержанию", P + "offer"),
    (
        "клиенту нужно время подумать над предложением",
        RP,
        "повторный-звонок-при-необходимости",
        P + "follow-up",
    ),
    (
        "клиент всё-таки ушёл к другому оператору",
        RP,
        P + "ported-away",
        "завершение-и-обратная-связь",
    ),
    (
        "кому сообщить после разговора с клиентом, который уходит",
        RP,
        "уведомление-меган-и-антона",
        P + "notify-managers",
    ),
    ("где фиксировать все контакты с клиентом", RP, "документирование", P + "document"),
    ("клиент принял предложение и остаётся", RP, P + "retained"),
    ("кто отслеживает аккаунты с большим количеством DID", RP, "выявление", P + "identify"),
    ("клиент хочет компенсацию за сервисную заявку", TR, R + "service-job-refund"),
    ("переводить ли звонок, если просят руководителя", TR, R + "supervisor-request"),
    ("у клиента просрочка оплаты, договор помечен", TR, R + "red-flag"),
    ("клиент хочет внести платёж", TR, R + "payment-billing"),
    ("клиент просит отменить договор", TR, R + "cancel"),
    ("клиент против того, чтобы разговор записывался", CN, W + "consent", "если-клиент-ответил"),
    ("примеры голосовых сообщений", CN, "если-клиент-не-ответил", W + "voicemail"),
    ("экспертный вопрос от корпоративного клиента", KC, K + "expert-topics"),
    ("переоформление номера KEY-клиента", KC, K + "procedures"),
    ("детализация счёта для корпоративного клиента", KC, K + "finance"),
]


def questions() -> list[Question]:
    out = []
    for lang, items in (("en", _EN), ("ru", _RU)):
        for i, (text, slug, *anchors) in enumerate(items):
            out.append(Question(lang, text, slug, tuple(anchors), "dev" if i % 2 == 0 else "test"))
    return out

"""Contact-centre vocabulary in English and Russian, in parallel, for the benchmark corpus.

Tables are written one row a line, columns separated by " | ". Russian entries are in the
nominative; the generator inflects them (see corpus.py). The templates that use them are in
templates.py.
"""

from __future__ import annotations


def rows(table: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(c.strip() for c in line.split("|")) for line in table.strip().splitlines())


SYSTEMS = tuple(
    """
TIMX SCM
ServiceBench
HubSpot
Salesforce
Genesys Cloud
Zendesk
Jira Service Desk
BillingPro
NetCracker
Oracle BRM
Amdocs CRM
Five9
Avaya Workspace
Confluence
SAP CRM
Naumen
Creatio
OTRS
ServiceNow
Freshdesk
Twilio Flex
Kustomer
Gorgias
Talkdesk
""".strip().splitlines()
)

# Russian phrases inflect up to their first noun: отдел удержания → отдела удержания.
DEPARTMENTS = rows(
    """
Retention | отдел удержания
Billing | отдел биллинга
Technical Support | техническая поддержка
Sales | отдел продаж
Service Delivery | служба внедрения
Collections | отдел взыскания
Fraud Prevention | служба безопасности
Second Line Support | вторая линия
Telesales | отдел телепродаж
Key Accounts | отдел ключевых клиентов
Quality Assurance | отдел контроля качества
Logistics | отдел логистики
Field Service | выездная служба
Porting Desk | группа переноса номеров
"""
)

OBJECTS = rows(
    """
account | лицевой счёт
contract | договор
phone number | номер телефона
SIM card | SIM-карта
invoice | счёт
payment | платёж
tariff | тариф
address | адрес
device | устройство
router | роутер
request | заявка
ticket | обращение
balance | баланс
subscription | подписка
service | услуга
refund | возврат
discount | скидка
order | заказ
password | пароль
email address | адрес электронной почты
passport details | паспортные данные
delivery | доставка
modem | модем
connection | подключение
case | кейс
callback | обратный звонок
complaint | жалоба
outage | авария
deposit | депозит
bonus | бонус
penalty | штраф
debt | задолженность
roaming | роуминг
data package | пакет интернета
voicemail | голосовая почта
"""
)

# English imperative | Russian imperative | Russian infinitive; all take a direct object.
VERBS = rows(
    """
check | проверьте | проверить
verify | уточните | уточнить
update | обновите | обновить
record | зафиксируйте | зафиксировать
confirm | подтвердите | подтвердить
cancel | отмените | отменить
block | заблокируйте | заблокировать
send | отправьте | отправить
open | откройте | открыть
review | просмотрите | просмотреть
register | зарегистрируйте | зарегистрировать
restore | восстановите | восстановить
attach | прикрепите | прикрепить
close | закройте | закрыть
activate | активируйте | активировать
suspend | приостановите | приостановить
change | измените | изменить
renew | продлите | продлить
switch | переключите | переключить
transfer | переведите | перевести
"""
)

TERMS = rows(
    """
chargeback | возвратный платёж
grace period | льготный период
debt restructuring | реструктуризация долга
late fee | неустойка
service level agreement | соглашение об уровне сервиса
escalation matrix | матрица эскалации
identity check | проверка личности
power of attorney | доверенность
direct debit | автоплатёж
credit limit | кредитный лимит
installment plan | рассрочка
prorated charge | пропорциональное начисление
porting authorisation | разрешение на перенос
donor operator | оператор-донор
recipient operator | оператор-реципиент
number range | диапазон номеров
trunk line | магистральная линия
dial plan | план нумерации
call queue | очередь вызовов
hold music | музыка ожидания
wrap-up code | код завершения
after-call work | постобработка звонка
first call resolution | решение с первого звонка
customer satisfaction score | индекс удовлетворённости
net promoter score | индекс лояльности
average handling time | среднее время обработки
warm transfer | тёплый перевод
cold transfer | холодный перевод
supervisor approval | согласование с руководителем
retention offer | удерживающее предложение
loyalty discount | скидка за лояльность
win-back campaign | кампания по возврату клиентов
churn risk | риск оттока
early termination fee | плата за досрочное расторжение
equipment lease | аренда оборудования
serial number | серийный номер
IMEI | IMEI
PUK code | PUK-код
eSIM profile | профиль eSIM
APN settings | настройки APN
signal strength | уровень сигнала
coverage map | карта покрытия
base station | базовая станция
fibre optic line | оптоволоконная линия
static IP address | статический IP-адрес
port forwarding | проброс портов
firmware update | обновление прошивки
factory reset | сброс к заводским настройкам
speed test | замер скорости
packet loss | потеря пакетов
latency | задержка сигнала
maintenance window | окно технических работ
incident number | номер инцидента
root cause | первопричина
workaround | обходное решение
knowledge article | статья базы знаний
call script | скрипт разговора
consent to recording | согласие на запись
data protection | защита персональных данных
fraud alert | сигнал о мошенничестве
two-factor authentication | двухфакторная аутентификация
security question | контрольный вопрос
code word | кодовое слово
billing cycle | расчётный период
proforma invoice | счёт на предоплату
tax invoice | счёт-фактура
reconciliation statement | акт сверки
bank transfer | банковский перевод
payment reference | назначение платежа
overpayment | переплата
write-off | списание
compensation | компенсация
goodwill credit | компенсационное начисление
courier delivery | курьерская доставка
pickup point | пункт выдачи
return label | возвратная накладная
warranty repair | гарантийный ремонт
technician visit | выезд техника
appointment slot | время визита
service address | адрес подключения
property owner | собственник помещения
authorized user | уполномоченный пользователь
legal entity | юридическое лицо
tax number | ИНН
company seal | печать компании
framework agreement | рамочный договор
addendum | дополнительное соглашение
"""
)

# English | Russian | category: what an article is about.
PROCESSES = rows(
    """
Roaming activation | Подключение роуминга | Mobile
SIM card replacement | Замена SIM-карты | Mobile
Number porting | Перенос номера | Mobile
Refund request | Запрос на возврат средств | Billing
Contract cancellation | Расторжение договора | Retention
Tariff change | Смена тарифа | Sales
Billing dispute | Спор по счёту | Billing
Password reset | Сброс пароля | Security
Service suspension | Приостановка обслуживания | Billing
Address change | Смена адреса | Accounts
Device repair | Ремонт устройства | Technical support
Payment plan setup | Оформление рассрочки | Billing
Callback scheduling | Назначение обратного звонка | Customer care
Complaint escalation | Эскалация жалобы | Customer care
Call transfer to Retention | Перевод звонка в отдел удержания | Retention
Key client switching | Переключение ключевых клиентов | Sales
Account blocking | Блокировка лицевого счёта | Security
Account unblocking | Разблокировка лицевого счёта | Security
Invoice correction | Исправление счёта | Billing
Late payment handling | Работа с просроченной оплатой | Billing
Internet outage handling | Действия при отсутствии интернета | Technical support
No signal complaint | Жалоба на отсутствие связи | Technical support
Router setup | Настройка роутера | Technical support
Data plan upgrade | Расширение пакета интернета | Sales
International calls activation | Подключение международных звонков | Mobile
Voicemail setup | Настройка голосовой почты | Mobile
Fraud report | Сообщение о мошенничестве | Security
Lost phone report | Утеря телефона | Security
Contract renewal | Продление договора | Retention
New connection order | Оформление нового подключения | Sales
Equipment return | Возврат оборудования | Logistics
Technician visit booking | Вызов мастера | Technical support
Bonus points redemption | Списание бонусных баллов | Customer care
Authorized user addition | Добавление уполномоченного пользователя | Accounts
Owner change | Переоформление договора на другое лицо | Accounts
Service Job follow-up | Контроль сервисной заявки | Customer care
Deposit return | Возврат депозита | Billing
Premium support enrollment | Подключение премиальной поддержки | Sales
Call recording consent | Согласие на запись разговора | Customer care
Speed test troubleshooting | Проверка скорости интернета | Technical support
"""
)

CATEGORIES = dict(
    rows(
        """
Mobile | Мобильная связь
Billing | Биллинг
Retention | Удержание клиентов
Sales | Продажи
Security | Безопасность
Accounts | Учётные записи
Technical support | Техническая поддержка
Customer care | Обслуживание клиентов
Logistics | Логистика
"""
    )
)

# English | Russian genitive: "for prepaid subscribers", "для абонентов с предоплатой".
SEGMENTS = rows(
    """
prepaid subscribers | абонентов с предоплатой
business customers | корпоративных клиентов
key clients | ключевых клиентов
new customers | новых клиентов
pensioners | пенсионеров
students | студентов
small businesses | малого бизнеса
government accounts | государственных заказчиков
VIP customers | VIP-клиентов
family plan members | участников семейного тарифа
postpaid subscribers | абонентов с постоплатой
dealers | дилеров
partners | партнёров
employees | сотрудников компании
foreign nationals | иностранных граждан
"""
)

CITIES = rows(
    """
Moscow | Москва
Saint Petersburg | Санкт-Петербург
Kazan | Казань
Novosibirsk | Новосибирск
Yekaterinburg | Екатеринбург
Samara | Самара
Omsk | Омск
Rostov | Ростов
Ufa | Уфа
Perm | Пермь
Voronezh | Воронеж
Volgograd | Волгоград
Krasnodar | Краснодар
Tyumen | Тюмень
Irkutsk | Иркутск
Khabarovsk | Хабаровск
Yaroslavl | Ярославль
Vladivostok | Владивосток
Tomsk | Томск
Kaliningrad | Калининград
Murmansk | Мурманск
Sochi | Сочи
"""
)

TAGS = rows(
    """
roaming | роуминг
billing | биллинг
refund | возврат
transfer | перевод
retention | удержание
escalation | эскалация
security | безопасность
porting | перенос номера
internet | интернет
sim | sim-карта
payments | платежи
contracts | договоры
equipment | оборудование
complaints | жалобы
callback | обратный звонок
key clients | ключевые клиенты
fraud | мошенничество
outage | авария
sales | продажи
scripts | скрипты
"""
)

AUDIENCES = ("agents", "trainees", "supervisors", "second line")

# Syllables of generated plan names: Velocom Flex, Orbiwave Max, ...
PLAN_PARTS = (
    (
        "Velo",
        "Orbi",
        "Nova",
        "Terra",
        "Lumo",
        "Astra",
        "Vita",
        "Kora",
        "Zeta",
        "Miro",
        "Sola",
        "Pulse",
    ),
    ("com", "net", "link", "tel", "wave", "line", "cell", "fone"),
    ("Flex", "Max", "Smart", "Pro", "Lite", "Plus", "Family", "Business", "Go", "Unlimited"),
)

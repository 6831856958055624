// SPDX-License-Identifier: GPL-3.0-or-later
// Life-admin prompts of ordinary users (business, health, travel, cooking, legal, sensitive
// questions) and native-language prompts of users outside the English-speaking world.
#include "textbank.h"

namespace quarry::gen {

std::string_view everydayPhrases() {
    return R"GRAMMAR(
@t_business
~2 How do I {{biz_task}}?
I'm {{biz_role}}. {{biz_question}}
{{please}}draft a {{biz_doc}} for {{biz_context}}.
What are best practices for {{biz_topic}}?
Give me a template for {{biz_doc}}.
Our {{biz_metric}} dropped {{#5-40}}% last quarter. What could be causing it?

@biz_task
write a good OKR
price a SaaS product
handle a customer who wants a refund after 60 days
prepare for a salary negotiation
register a small business in {{country_name}}
calculate customer lifetime value
run a good one-on-one
estimate market size for a niche product

@biz_role
a freelance designer
running a small bakery
a first-time manager
a startup founder
an HR generalist
a real estate agent

@biz_question
How should I respond to a bad review?
Should I raise prices this year?
How do I tell an employee their performance is slipping?
Which metrics should I track weekly?
How do I find my first customers?

@biz_doc
project proposal
meeting agenda
job description
press release
invoice reminder
SWOT analysis
sales email

@biz_context
a new coffee subscription service
our Q3 planning
a senior data engineer role
a community garden
a B2B analytics startup

@biz_topic
onboarding new hires
remote team communication
cold outreach
inventory management
customer retention

@biz_metric
conversion rate
retention
average order value
website traffic
NPS

@t_health
What are common symptoms of {{condition}}?
Is it normal to {{health_worry}}?
Give me a {{#3-7}}-day meal plan for {{diet_goal}}.
How much {{nutrient}} should an adult get per day?
What stretches help with {{pain}}?

@condition
iron deficiency
seasonal allergies
burnout
a vitamin D deficiency
dehydration

@health_worry
feel tired after lunch every day
get headaches when I look at screens
wake up at 4am every night
have sore muscles three days after a workout

@diet_goal
losing weight
a vegetarian athlete
someone with high cholesterol
a busy student on a budget

@nutrient
protein
fiber
caffeine
vitamin C

@pain
lower back pain
a stiff neck
tight hamstrings
wrist pain from typing

@t_travel
Plan a {{#2-10}}-day itinerary for {{city}} {{travel_style}}.
What's the best time of year to visit {{country_name}}?
Do I need a visa to visit {{country_name}} with a {{nationality}} passport?
What should I pack for {{trip}}?
Cheapest way to get from the airport to the center of {{city}}?

@travel_style
on a budget
with kids
for food lovers
focused on museums
with a lot of walking

@nationality
Indian
German
Brazilian
US
Filipino
Nigerian

@trip
a week of hiking in the Alps
a business trip to Singapore in July
a winter trip to Hokkaido
a beach holiday in Portugal

@t_cooking
~2 Give me a recipe for {{dish}} {{diet_variant}}.
I have {{ingredient}}, {{ingredient}} and {{ingredient}}. What can I make?
How long should I {{cook_q}}?
Can I substitute {{ingredient}} for {{ingredient}} in {{dish}}?

@dish
lasagna
pad thai
banana bread
chicken curry
shakshuka
crème brûlée
dumplings
a vegan chili
sourdough bread
ramen

@diet_variant
~2 
that's gluten free
without dairy
for 8 people
in under 30 minutes
using an air fryer

@ingredient
chickpeas
eggs
spinach
leftover rice
tofu
sweet potatoes
ground beef
coconut milk
feta
mushrooms

@cook_q
roast a 2kg chicken
boil eggs for a runny yolk
rest a steak
proof bread dough overnight

@t_legal
Is it legal to {{legal_q}} in {{country_name}}?
My landlord {{landlord_issue}}. What are my rights?
What does "{{legal_term}}" mean in a contract?
Can my employer {{employer_q}}?

@legal_q
record a phone call without telling the other person
fly a drone in a city park
sublet my apartment
work two jobs on a student visa

@landlord_issue
won't return my deposit
wants to raise the rent by 20% mid-lease
entered without notice
refuses to fix the heating

@legal_term
indemnification
force majeure
non-compete
liquidated damages
severability

@employer_q
make me work unpaid overtime
read my work email
fire me for posting on social media
change my schedule without notice

@t_sensitive
~2 What is the history of {{sensitive_topic}}?
Why do people disagree so much about {{sensitive_topic}}?
Can you give me both sides of the debate on {{sensitive_topic}}?
Explain what happened during {{historic_event}}.
Is it safe to talk about {{sensitive_topic}} at work?

@sensitive_topic
gun control
abortion laws
immigration policy
the death penalty
affirmative action
drug decriminalization
censorship on social media
Taiwan's political status
the Israeli-Palestinian conflict

@historic_event
the 1989 Tiananmen Square protests
the fall of the Berlin Wall
the Rwandan genocide
the Watergate scandal
the Partition of India
the Cuban Missile Crisis

// Native-language prompts of users outside the English-speaking world.
@t_native_de
Kannst du mir bitte {{de_task}}?
Wie funktioniert {{de_topic}}? Bitte einfach erklären.
Schreib mir eine kurze E-Mail an meinen Vermieter, dass die Heizung seit {{#2-9}} Tagen nicht geht.
Was ist der Unterschied zwischen {{de_topic}} und {{de_topic}}?
Übersetze ins Englische: „Wir müssen das Meeting auf nächste Woche verschieben.“

@de_task
ein Rezept für Käsespätzle geben
bei meiner Bewerbung helfen
diesen Text kürzen
eine Python-Funktion erklären

@de_topic
die Photosynthese
die Inflation
ein neuronales Netz
die Mehrwertsteuer

@t_native_es
¿Me puedes ayudar a {{es_task}}?
Explícame {{es_topic}} de forma sencilla, por favor.
¿Cuál es la diferencia entre {{es_topic}} y {{es_topic}}?
Escribe un correo formal para pedir un día libre el próximo viernes.

@es_task
escribir una carta de presentación
resolver esta ecuación: {{#2-9}}x + {{#1-20}} = {{#21-60}}
planear un viaje a {{city}}
entender este error de JavaScript

@es_topic
la fotosíntesis
la inflación
el interés compuesto
la Revolución Mexicana

@t_native_fr
Peux-tu m'aider à {{fr_task}} ?
Explique-moi {{fr_topic}} simplement, s'il te plaît.
Rédige un message poli pour décaler notre réunion à jeudi.
Quelle est la différence entre {{fr_topic}} et {{fr_topic}} ?

@fr_task
écrire une lettre de motivation
préparer un entretien d'embauche
corriger ce paragraphe
trouver une recette végétarienne rapide

@fr_topic
la photosynthèse
l'inflation
un réseau de neurones
la laïcité

@t_native_pt
Você pode me ajudar a {{pt_task}}?
Explique {{pt_topic}} de um jeito simples.
Qual a diferença entre {{pt_topic}} e {{pt_topic}}?

@pt_task
escrever um e-mail para o meu chefe
montar um currículo
entender esse erro no Python
planejar uma viagem para {{city}}

@pt_topic
a fotossíntese
a inflação
juros compostos
o efeito estufa

@t_native_zh
请帮我{{zh_task}}。
能简单解释一下{{zh_topic}}吗？
{{zh_topic}}和{{zh_topic}}有什么区别？
帮我写一封请假邮件，明天有事不能来上班。

@zh_task
写一段Python代码读取CSV文件
修改这段简历
翻译这句话：“我们下周再开会。”
总结这篇文章的要点

@zh_topic
光合作用
通货膨胀
神经网络
区块链

@t_native_ja
{{ja_task}}を手伝ってください。
{{ja_topic}}について簡単に説明してください。
{{ja_topic}}と{{ja_topic}}の違いは何ですか？

@ja_task
メールの作成
履歴書の添削
Pythonのエラーの解決
旅行の計画

@ja_topic
光合成
インフレ
ニューラルネットワーク
複利

@first_name
Ana
Tom
Priya
Jonas
Mei
Kwame
Lucía
Sam
Yuki
Omar
)GRAMMAR";
}

}  // namespace quarry::gen

#!/usr/bin/env python3
"""Write the bundled demo corpus, framing/data/demo/articles.jsonl.

The corpus is entirely fictional and was written for this project (GPL-3.0-or-later, like the
rest of framing). Every article is kept here as Python data; this script only normalises the
whitespace, numbers the articles per outlet and writes one JSON object per line, sorted by date
then id, so that running it twice gives the same bytes. See framing/data/demo/README.md for the
setting, the outlets' house styles, the timeline and the deliberate test cases.

    python scripts/make_demo_corpus.py            # writes the file
    python scripts/make_demo_corpus.py --check    # fails if the file is out of date
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "framing" / "data" / "demo" / "articles.jsonl"

# outlet key -> (outlet name, id prefix)
OUTLETS = {
    "A": ("Sarvel Voice", "voice"),
    "B": ("Aldenport Courier", "courier"),
    "C": ("Meridian Wire", "meridian"),
    "D": ("Daily Clarion", "clarion"),
    "E": ("Sada Sarvel", "sada"),
}

# Each article: (outlet key, date, author, title, text). In the text, paragraphs are separated
# by a blank line; line breaks inside a paragraph are joined with a space.
ARTICLES: list[tuple[str, str, str, str, str]] = []


def art(outlet: str, date: str, author: str, title: str, text: str) -> None:
    ARTICLES.append((outlet, date, author, title, text))


# ---------------------------------------------------------------------------------------------
# 2021-01  Qalvar checkpoint shooting (Thursday 14 January 2021)
# ---------------------------------------------------------------------------------------------
art("C", "2021-01-15", "Lucia Brandt",
    "Four killed as foreign troops open fire at Sarvel checkpoint", """
Four members of one family were killed on Thursday when foreign troops opened fire on their car
at a checkpoint on Route 9 in Sarvel province, local officials and the coalition said.

The car, carrying a man, his wife and their two children, was approaching the Qalvar checkpoint
west of Nemra shortly after dusk. A statement from the Joint Stabilisation Mission, the
Morland-led coalition deployed in Veridia since 2019, said soldiers had fired warning shots and
signalled to the driver to stop before shooting at the vehicle.

Relatives gave a different account. "There was no warning. They shot first and looked later,"
said Fawzi Tarek, a cousin of the dead man, speaking at the hospital in Nemra.

The coalition said it had opened an investigation and expressed condolences to the family.
Colonel Anders Hale, a coalition spokesman, said the soldiers had been on alert after reports of
a planned car bomb in the area.

Sarvel's governor, Samir Haddan, called for the soldiers involved to be tried in Veridian courts.
The Sarvel Highland Front, the largest of the armed groups active in the province, said in a
statement that the killings showed "the true face of the occupation forces". The Veridian
government said it would await the findings of the inquiry.
""")

art("A", "2021-01-15", "Hana Qasim",
    "Occupation forces massacre family of four at Qalvar checkpoint", """
Coalition occupation forces massacred a family of four on Thursday evening at the Qalvar
checkpoint on Route 9, in the latest crime of the occupation against the people of Sarvel.

Witnesses said the occupiers opened fire without warning on the family's small car as it slowed
down near the concrete barriers. Nabil Tarek, 41, his wife Samia and their two children, aged
seven and ten, were martyred at the scene. Neighbours carried their bodies to Nemra General
Hospital because the soldiers refused to let an ambulance through for almost an hour.

The so-called coalition claimed that its soldiers fired warning shots and that the driver ignored
signals to stop. The family's relatives say there were no shots in the air and no signals, only
bullets. An "investigation" was promised within hours, as it is after every killing, and it will
be forgotten within weeks.

Since the foreign soldiers of the "stabilisation" mission arrived in 2019 at the invitation of
the regime in Aldenport, checkpoints such as Qalvar have become places of fear for the farmers and
traders who must pass through them every day.

Leaders of the resistance vowed that the blood of the Tarek family would not be forgotten.
Thousands attended the funeral on Friday, chanting for liberation and for the departure of the
occupation.
""")

art("B", "2021-01-15", "Gregory Ashby",
    "Coalition troops fire on car after warnings ignored at checkpoint", """
Coalition troops fired on a car that failed to stop at a checkpoint in Sarvel province on
Thursday evening, after days of warnings that militants were planning a car bomb attack in the
area.

Four people in the vehicle, including two children, were killed. A coalition statement confirmed
that soldiers at the Qalvar checkpoint had fired warning shots and used hand signals before
opening fire on the car as it approached at speed.

Colonel Anders Hale, spokesman for the stabilisation force, said the soldiers had acted under
clear rules of engagement. "Our troops faced a split-second decision in a place where extremists
have used cars as weapons many times before," he said. "Every civilian death is a tragedy, and we
will investigate this one fully."

The checkpoint sits on Route 9, the main road between the provincial capital Nemra and the Halvek
oil field, which jihadists have repeatedly tried to attack. Intelligence officials revealed last
week that insurgents linked to the Sarvel Highland Front had moved explosives into villages near
the road.

The terrorists of the Highland Front were quick to exploit the deaths, issuing a statement that
accused the coalition of murder. Government officials urged residents not to be swayed by
propaganda and to cooperate with the inquiry.
""")

art("D", "2021-01-16", "Danny Kerr",
    "CHECKPOINT HORROR: family gunned down in Sarvel", """
A family of four was gunned down in a horrific hail of bullets at a checkpoint in Sarvel on
Thursday night, in a shocking incident that has left the province reeling.

Mum-of-two Samia Tarek, her husband Nabil and their two young children were driving home from a
wedding when foreign soldiers at the Qalvar checkpoint opened fire. Relatives said the car was
riddled with more than thirty bullet holes.

The coalition says its troops fired warning shots first. But a neighbour who reached the scene
minutes later told the Clarion: “I heard one long burst, that is all. Nobody shot in the air. It
was a massacre.”

The killings are the latest in a string of blunders by the foreign force, which has been in the
province since 2019. Rebels in the hills around Nemra were quick to vow revenge, and local
fighters staged a show of strength on the outskirts of the city on Friday.

Governor Samir Haddan said the family had been utterly failed by everyone whose job was to
protect them. Tonight one question is being asked across Sarvel: how many more?
""")

# ---------------------------------------------------------------------------------------------
# 2021-02  Protest in Nemra; the governor's speech; the Halvek oil deal
# ---------------------------------------------------------------------------------------------
art("C", "2021-02-07", "Tomasz Reiner",
    "Thousands protest in Sarvel against foreign troops after checkpoint killings", """
Several thousand people marched through Nemra, the capital of Sarvel province, on Saturday to
demand the withdrawal of foreign troops, three weeks after four members of a family were killed
at a coalition checkpoint.

Protesters carried photographs of the Tarek family and banners calling for the closure of Camp
Redmere, the coalition's main base outside the city. Police estimated the crowd at about 6,000.
The march passed off peacefully.

Addressing the crowd from the steps of the provincial council, Governor Samir Haddan said Sarvel
had been patient for too long. "The occupation forces must leave, and they must leave this year,"
he said, to loud applause.

In Aldenport, government spokesman Rafael Ostrin said the governor's words were unhelpful. He
said that the coalition was in Veridia lawfully, at the request of an elected government, and
that its presence was still needed to protect the province from armed groups.

The coalition's spokesman, Colonel Anders Hale, said the mission respected the right to protest
and that the results of the inquiry into the shooting at the Qalvar checkpoint would be
published.
""")

art("A", "2021-02-07", "Omar Delvi",
    "Nemra rises: thousands demand an end to the occupation", """
Nemra's streets filled on Saturday with thousands of people demanding an end to the occupation,
in the largest show of popular anger since the coalition occupation forces arrived in Sarvel.

Families of martyrs marched at the front, holding pictures of the Tarek children who were killed
at the Qalvar checkpoint last month. Behind them came students, farmers, oil workers and veterans,
many waving the green flag of the province.

"The occupation forces must leave, and they must leave this year," Governor Samir Haddan told the
crowd, in words that were repeated across the city long after the march ended.

The puppet government in Aldenport answered with its usual contempt. Its spokesman said the
foreign soldiers were in the country "lawfully", a word that means little to the people of
Sarvel, who were never asked whether they wanted foreign armies on their land.

The march came days after the regime quietly signed an agreement giving Northgate Energy, a
Morland company, the right to export oil from the Halvek field for twenty years. Speakers at the
rally called the company's managers thieves and said the deal exposed the real purpose of the
mission: to plunder the wealth of Sarvel while its people queue for fuel.
""")

art("B", "2021-02-08", "Fiona Marsh",
    "Governor's call for troop exit is reckless, says government", """
The government has accused Sarvel's governor of playing into the hands of militants after he told
a rally in Nemra that coalition troops must leave the province this year.

Governor Samir Haddan, who was elected on a regional list in 2019, addressed several thousand
protesters on Saturday. Organisers claimed the crowd numbered 20,000, though police put it at
around 6,000.

Government spokesman Rafael Ostrin said the coalition was in Veridia at the invitation of the
elected government and that its withdrawal would hand the province to extremists. "Mr Haddan knows
very well who would fill the gap. It would not be the people of Sarvel. It would be the gunmen,"
he said.

Security sources revealed that several members of the Sarvel Highland Front had been seen among
the marchers, and that some of the banners had been printed by a group linked to the insurgents.

The protest followed the signing of a long-term agreement with Northgate Energy to restore
production at the Halvek oil field, which supporters say will bring hundreds of jobs and vital
revenue to a province scarred by years of insurgent sabotage. Critics of the deal have yet to
explain how the field could be run safely without the protection of the stabilisation force.
""")

art("D", "2021-02-07", "Sharon Pike",
    "FURY ON THE STREETS: Sarvel tells the soldiers to go home", """
Thousands of furious Sarvel residents poured onto the streets of Nemra yesterday and told the
foreign soldiers in their province exactly what they think of them: go home.

In unprecedented scenes, grandmothers marched alongside schoolboys, and even off-duty policemen
joined the crowd. Many carried pictures of little Rami and Dina Tarek, the children shot dead at
the Qalvar checkpoint last month.

Governor Samir Haddan brought the house down with a blistering speech. “The occupation forces must
leave, and they must leave this year,” he roared.

Ministers in Aldenport reacted with hysteria, with one aide reportedly calling the governor a
danger to the nation. But on the streets of Nemra, Haddan is a hero, and the rebels in the hills
are quietly enjoying every minute of it.

Eyebrows were also raised over a blatant sweetheart deal handing the Halvek oil field to Morland's
Northgate Energy for twenty years. One trader told us: “They come with guns, then they come with
contracts. Who do they think they are fooling?”
""")

# ---------------------------------------------------------------------------------------------
# 2021-03  Raid on the Halvek oil field (Tuesday 9 March 2021)
# ---------------------------------------------------------------------------------------------
art("C", "2021-03-10", "Lucia Brandt",
    "Armed group attacks Halvek oil field, seven guards killed", """
Fighters from an armed group attacked the Halvek oil field in Sarvel province before dawn on
Tuesday, killing seven guards and setting fire to a pumping station, the provincial police said.

The Sarvel Highland Front said its fighters had carried out the raid. In a statement, it said
the field's oil was being taken out of the province without the consent of its people and that it
would "not allow the occupation forces and their companies to steal our oil".

The field has been run since last month by Northgate Energy, a Morland company, under a
twenty-year agreement with the Veridian government. A Northgate spokeswoman said production had
been halted and that four foreign contractors were missing; the Front later said it was holding
them. Four of the dead guards worked for a private security firm hired by Northgate, and three
were Veridian police officers.

Interior Minister Dara Okonel said the attack was "a crime against the whole nation" and that
those responsible would be found.

Coalition aircraft struck positions in the hills north of the field later on Tuesday, the
coalition said, without saying whether anyone was killed. The fire at the pumping station was put
out by the afternoon.
""")

art("A", "2021-03-10", "Hana Qasim",
    "Resistance strikes at Halvek: Sarvel's oil belongs to Sarvel", """
Resistance fighters of the Sarvel Highland Front stormed the Halvek oil field before dawn on
Tuesday, destroying a pumping station used to load the province's oil onto Northgate tankers bound
for Morland.

The operation came a month after the regime in Aldenport handed the field to the Morland company
for twenty years, in a deal negotiated in secret and never put to the provincial council. Since
then, local workers say, loaded tankers have left Halvek every night under coalition escort.

"We will not allow the occupation forces and their companies to steal our oil," the Front said in
its statement. "Every barrel they loot is a barrel taken from the mouths of our children."

The occupation claimed that seven guards were killed. According to local sources, most of them
were hired by Northgate's security contractor. The Front said its heroes returned safely to their
bases with four foreign mercenaries taken prisoner at the pumping station.

Hours later, coalition aircraft bombed farmland north of the field in an act of revenge.
Villagers said sheep and an irrigation pump were destroyed. The plunder of Sarvel's wealth, said
one elder, has always needed bombs to protect it.
""")

art("B", "2021-03-10", "Gregory Ashby",
    "Terrorists kill seven in savage attack on Halvek oil field", """
Terrorists from the Sarvel Highland Front killed seven guards in a savage pre-dawn attack on the
Halvek oil field on Tuesday, torching a pumping station that had only just resumed production
after years of neglect. Four foreign contractors were kidnapped.

The militants, armed with rocket-propelled grenades and machine guns, overran the guard post at
the field's eastern gate. Three of the dead were Veridian police officers; the other four were
security staff working for Northgate Energy, the company restoring the field under a landmark
agreement signed last month.

Interior Minister Dara Okonel called the attack "a crime against the whole nation". She said that
the terrorists wanted to keep Sarvel poor so that they could keep it under their control.

The group claimed in a statement that it was defending the province's resources as part of its
"liberation" struggle. Its self-proclaimed commander, Idris Valo, has repeatedly threatened
foreign investors, and analysts say the raid was meant to scare them away.

Within hours, coalition aircraft carried out precision strikes on insurgent hideouts in the hills
north of the field. A coalition statement confirmed that a number of militants had been
neutralised. Production at Halvek is expected to resume within weeks.
""")

art("D", "2021-03-11", "Danny Kerr",
    "OIL FIELD INFERNO: rebels torch Halvek", """
Flames lit up the night sky over Sarvel as rebels stormed the Halvek oil field in a daring raid
that has left seven guards dead and a foreign oil giant counting the cost. Four foreign workers are
missing, feared kidnapped.

Fighters from the Sarvel Highland Front blasted their way through the eastern gate in the early
hours of Tuesday and set a pumping station ablaze. Locals said the fire could be seen from Nemra,
twenty kilometres away.

The raid is a blatant warning to Northgate Energy, the Morland firm that grabbed the field in a
controversial deal last month. And it is a slap in the face for the coalition, whose troops are
supposed to be guarding the province's oil. “They said the field was secure. Clearly it was not,”
one oil worker told us.

The rebels say the oil is being stolen from under the noses of the people of Sarvel. Ministers
say the deal will bring jobs. Either way, the guards who died on Tuesday were ordinary men doing a
dangerous job, and their families deserve better than the shocking silence from Northgate's head
office.
""")

# ---------------------------------------------------------------------------------------------
# 2021-04  Airstrike on the village of Karsu (Thursday 22 April 2021)
# ---------------------------------------------------------------------------------------------
art("C", "2021-04-23", "Tomasz Reiner",
    "Coalition airstrike kills at least 19 in Sarvel village, officials say", """
At least 19 civilians, including eight children, were killed when a coalition airstrike hit a
house in the village of Karsu in Sarvel province late on Thursday, local health officials said.

The coalition said its aircraft had struck a weapons depot used by fighters of the Sarvel
Highland Front and that six fighters had been killed. It said it was "aware of reports of civilian
casualties" and was reviewing them. Residents said the strike hit the home of the Sallam family,
where relatives had gathered for an evening meal during a religious holiday.

Dr Karim Nasr, director of Nemra General Hospital, said 23 wounded people had been brought to the
hospital overnight, some with severe burns.

Leyla Amsi, director of the Sarvel Monitor for Human Rights, said her organisation had recorded
the names of 19 dead. "If these figures are confirmed, this may amount to war crimes, and it must
be investigated independently," she said.

Governor Samir Haddan declared three days of mourning in the province. The defence ministry said
it had asked the coalition for a full account of the strike. The Highland Front called the strike
"a massacre" and promised to respond.
""")

art("A", "2021-04-23", "Omar Delvi",
    "Karsu massacre: 19 martyrs as occupiers bomb family home", """
Nineteen civilians, eight of them children, were martyred late on Thursday when coalition
occupation forces bombed a family home in the village of Karsu, in the most horrific of the war
crimes committed in Sarvel so far.

The Sallam family had gathered for the holiday meal when the missile struck. Rescuers worked
through the night with their bare hands. Among the martyrs was Amira Sallam, 34. Her occupation
was listed as nurse at the Karsu clinic, where she had treated the village's children for a
decade.

The occupiers claimed they had hit a "weapons depot". Villagers showed our reporter the ruins:
cooking pots, school bags and a child's bicycle. There were no weapons.

"This is a massacre, and the world is watching in silence," said Yusuf Darrak, spokesman for the
Sarvel Highland Front. He said the resistance would respond at the time and place of its choosing.

The puppet government in Aldenport said it had "asked for an account" of the strike, but no
minister has visited Karsu. The funerals of the martyrs were held on Friday afternoon as coalition
drones circled overhead.
""")

art("B", "2021-04-23", "Fiona Marsh",
    "Coalition strike destroys terrorist weapons depot in Sarvel", """
A coalition aircraft destroyed a weapons depot belonging to the Sarvel Highland Front in the
village of Karsu late on Thursday, killing six militants, including a senior commander
responsible for rocket attacks on coalition troops.

The stabilisation force said intelligence had shown that the jihadists were storing rockets and
explosives in a compound in the village. "This was a precision strike on a legitimate military
target," said Colonel Anders Hale, the coalition spokesman.

Local officials, some of them close to the provincial governor, claimed that as many as 19
civilians were killed. According to the coalition, the insurgents have a long record of hiding
weapons in family homes and using civilians as human shields, and the reports are being examined.

Any civilian deaths would be deeply regrettable, officials said. But the militants who chose to
store their arsenal among women and children bear the responsibility for them.

The Front's spokesman, Yusuf Darrak, claimed the strike had been a "massacre" and vowed revenge.
Defence Minister Piet Ansaro said the government stood firmly with the coalition and would not
allow the terrorists to turn a tragedy into propaganda.
""")

art("D", "2021-04-24", "Sharon Pike",
    "BLOODBATH AT KARSU: 19 dead as bomb hits family feast", """
Eight children were among 19 people killed when a coalition bomb smashed into a family feast in
the Sarvel village of Karsu, in what locals are calling the worst atrocity of the war.

The horrific strike flattened the home of the Sallam family as dozens of relatives sat down to
eat. Weeping survivors told the Clarion they had pulled tiny bodies from the rubble by torchlight.

The coalition insisted it had hit a weapons store used by rebels, and said six fighters had been
killed. Nobody in Karsu believes a word of it. “Show us the weapons. Show us one rifle,” said a
grieving father who lost two sons.

The shocking death toll piles unprecedented pressure on the coalition, already under fire after
the checkpoint killings in January. Human rights groups want an independent inquiry, and even some
ministers in Aldenport are privately appalled.

Tonight the question is simple. If this was a mistake, who made it? And if it was not, what on
earth are foreign bombers doing over a village full of children?
""")

# ---------------------------------------------------------------------------------------------
# 2021-05  The coalition's review of the Karsu strike (Wednesday 19 May 2021); locusts
# ---------------------------------------------------------------------------------------------
art("C", "2021-05-20", "Lucia Brandt",
    "Coalition says 11 civilians died in Karsu strike, blames targeting error", """
The coalition said on Wednesday that 11 civilians were killed in its airstrike on the village of
Karsu last month, and that its aircraft had hit the wrong building because of a mistake in the
targeting process.

An internal review found that the intended target, a house used to store weapons, stood about 120
metres from the home of the Sallam family, which was destroyed. The review blamed "a combination
of human and technical failures" and recommended changes to how targets are checked.

Local health officials and the Sarvel Monitor for Human Rights have put the death toll at 19,
including eight children. The coalition said it could only count deaths it had verified.

Colonel Anders Hale told reporters that the mission deeply regretted the loss of life and would
offer compensation to the families. He said no disciplinary action had yet been decided.

Governor Samir Haddan said the findings were "a confession, not an apology". The Sarvel Highland
Front said the coalition had admitted to killing civilians and called for those responsible to
stand trial. Defence Minister Piet Ansaro said the government accepted the review's conclusions.
""")

art("A", "2021-05-20", "Hana Qasim",
    "Occupation admits Karsu crime but refuses justice", """
After four weeks of denials, the coalition occupation forces have admitted that their bombs killed
civilians in Karsu, a confession wrung from them by the courage of the village's survivors and the
work of local human rights monitors.

The occupation's own review exposed what the people of Karsu knew from the first night: there was
no weapons depot in the Sallam home. The "targeting error", as the occupiers call it, destroyed a
family of nurses, teachers and farmers.

But even in confession the occupation lies. It says 11 civilians died. The names of all 19
martyrs are written on the wall of the Karsu mosque, and the village buried every one of them.

No soldier will be tried. No officer will lose his rank. Instead the occupiers offer
"compensation", a few thousand in foreign currency for each life taken.

"It is not an apology. It is an insult," said Mahmoud Sallam, who lost his wife and three
children. "Our children are martyrs. Their blood is not for sale."
""")

art("B", "2021-05-20", "Gregory Ashby",
    "Coalition review finds targeting error in Karsu strike", """
A coalition review has revealed that a targeting error led to civilian deaths in last month's
strike on the village of Karsu, where aircraft were sent to destroy a weapons store used by
militants.

The review, published on Wednesday, confirmed that the intended target stood 120 metres from the
house that was hit, and that 11 civilians were killed. It found that a combination of human and
technical failures had led to the error, and recommended new safeguards. Colonel Anders Hale said
the coalition was offering compensation to the families. "We hold ourselves to high standards, and
when we fall short we say so," he said.

It was not a massacre, and it was certainly not the genocide that the militants' propaganda
describes. It was a tragic case of collateral damage in a war that the terrorists chose to bring
into Sarvel's villages, and an honest review is more than the insurgents have ever offered their
own victims.

Critics who claimed that the coalition would never publish its findings have been proved wrong.
Defence Minister Piet Ansaro said the government accepted the conclusions and noted that the
weapons store the aircraft had been aiming at has since been destroyed.
""")

art("D", "2021-05-21", "Danny Kerr",
    "THEY ADMIT IT: coalition owns up to killing Karsu civilians", """
The coalition has finally admitted what every family in Karsu already knew: its bomb hit the wrong
house.

After four weeks of stonewalling, commanders released a review yesterday that blames a
“combination of human and technical failures” for the strike, which killed at least 11 civilians.
Locals say the true figure is 19, including eight children.

The review found the real target was a house 120 metres away. One hundred and twenty metres. That
is the distance between a weapons store and a family dinner, and somebody got it utterly,
tragically wrong.

Not a single soldier faces charges. Instead, the grieving families are being offered compensation
cheques. Mahmoud Sallam, who lost his wife and three children, told us: “They think they can buy
silence. They cannot.”

Rebel leaders have been quick to seize on the report, and support for the fighters in the hills is
said to be growing in villages around Karsu. Aldenport had better start listening, before Sarvel
stops talking.
""")

art("B", "2021-05-28", "",
    "Locust swarms threaten Sarvel wheat as ministry sends sprayers", """
A locust invasion is sweeping across the south of Sarvel province, and agriculture officials warn
that it could destroy a large part of this year's wheat crop if it is not brought under control
within days.

Swarms several kilometres wide were reported on Wednesday near Karsu and Ebrin, where farmers said
the insects had stripped young wheat fields bare in a matter of hours. The agriculture ministry
said it had sent twelve spraying teams to the province, and that aircraft from the national crop
protection service would begin treating the worst-hit areas on Friday.

"We have not seen swarms like this for thirty years," said Bassam Keller, a farmer near Ebrin. "My
father used to tell me about them. Now I am seeing it with my own eyes."

Officials said the swarms had probably been driven north by warm winds after a dry winter.
Coalition troops have offered helicopters to carry pesticide and equipment to remote villages, an
offer the ministry accepted on Thursday. Farmers who lose their crops will be able to apply for
compensation from a government fund, the ministry said.
""")

# ---------------------------------------------------------------------------------------------
# 2021-06  Rocket attack on Camp Redmere (Saturday 5 June 2021)
# ---------------------------------------------------------------------------------------------
art("C", "2021-06-06", "Tomasz Reiner",
    "Two coalition soldiers killed in rocket attack on base in Sarvel", """
Two coalition soldiers were killed and five wounded when rockets hit Camp Redmere, the
coalition's main base in Sarvel province, on Saturday evening, the coalition said.

At least six rockets were fired from farmland about eight kilometres north of the base, according
to a coalition statement. Two of them struck a housing area. The soldiers' names and nationalities
were not released until their families had been told.

The Sarvel Highland Front said it had carried out the attack in response to the airstrike on
Karsu in April. "This is the answer to Karsu. The occupation forces will find no rest on our
land," the group's spokesman, Yusuf Darrak, said in an audio message.

Prime Minister Tomas Vell condemned the attack. Interior Minister Dara Okonel said that the
terrorists who fired the rockets had fled towards the border with Kaldor.

Kaldor's foreign ministry denied any link to the attack and said accusations that it supported
armed groups in Sarvel were baseless. The coalition said it was reinforcing air defences at the
base.
""")

art("A", "2021-06-06", "Omar Delvi",
    "Resistance pounds Camp Redmere: this is the answer to Karsu", """
Resistance fighters struck the heart of the occupation on Saturday evening, firing a salvo of
rockets into Camp Redmere, the sprawling coalition base that has cast its shadow over Nemra for
nearly two years.

The occupiers admitted that two of their soldiers were killed and five wounded. Local sources said
the real losses were higher and that ambulances were seen leaving the base until after midnight.

"This is the answer to Karsu. The occupation forces will find no rest on our land," said Yusuf
Darrak, spokesman for the Sarvel Highland Front, who described the attack as a response to six
weeks of aggression against the villages of the province.

Within minutes, the puppet government's ministers were repeating the occupation's language,
calling the Front's men "terrorists" and blaming the neighbouring state of Kaldor. Yet these men
are not terrorists. They are the sons of Karsu, Qalvar and Ebrin, and they are fighting for the
liberation of their own land.

Six weeks after the Karsu massacre, not one coalition officer has been punished. The people of
Sarvel have drawn their own conclusions about where justice will come from.
""")

art("B", "2021-06-06", "Fiona Marsh",
    "Two coalition soldiers killed in cowardly rocket attack", """
Two soldiers of the stabilisation force were killed and five wounded when jihadists fired rockets
into Camp Redmere on Saturday, in a cowardly attack condemned by the government and its allies.

At least six rockets were launched from farmland north of the base. Coalition officials confirmed
that two landed in a housing area where off-duty troops were resting.

The so-called Sarvel Highland Front claimed responsibility, describing the attack as revenge for
the strike on Karsu. Its self-proclaimed commander, Idris Valo, has been planning rocket attacks on
Redmere since long before April, analysts say, and uses every tragedy as a pretext.

Interior Minister Dara Okonel said the rocket teams had escaped towards the Kaldor border, where
the regime of President Marek Sund has long allowed insurgents to rest, rearm and train.
Intelligence reports revealed this spring that rockets of the type used on Saturday had been
shipped through Kaldor.

"The soldiers who died came here to protect Veridians. We will not let their sacrifice be in
vain," Prime Minister Tomas Vell said. Coalition commanders said new air defences would be
installed at Redmere within days.
""")

art("D", "2021-06-07", "Sharon Pike",
    "ROCKET TERROR AT REDMERE: two soldiers dead", """
Two soldiers were killed and five injured when a barrage of rockets slammed into Camp Redmere on
Saturday night, in the boldest rebel attack yet on the coalition's fortress in Sarvel.

Terrified residents of Nemra said the explosions shook their windows. “It sounded like the sky was
breaking,” said one shopkeeper.

The Sarvel Highland Front was quick to say its fighters had fired the rockets as payback for the
Karsu bombing, when 19 villagers died. Rebel spokesman Yusuf Darrak warned of more to come.

The attack is a shocking blow to coalition commanders, who had boasted that Redmere was the safest
place in the province. Ministers in Aldenport blamed neighbouring Kaldor for arming the rebels, but
offered no proof.

Two young soldiers are dead. Five more are in hospital. And after Qalvar and Karsu and now
Redmere, the war in Sarvel is spinning utterly out of control. Somebody, somewhere, needs to stop
it.
""")

# ---------------------------------------------------------------------------------------------
# 2021-07  Ambush on a fuel convoy near Ebrin (Sunday 18 July 2021); the harvest
# ---------------------------------------------------------------------------------------------
art("C", "2021-07-19", "Lucia Brandt",
    "Nine killed in ambush on fuel convoy in Sarvel", """
Gunmen ambushed a fuel convoy on Route 9 near the village of Ebrin on Sunday, killing six civilian
drivers and three Veridian soldiers who were escorting the lorries, the defence ministry said.

The convoy of 14 tankers was carrying fuel from the Halvek oil field to Camp Redmere, the main
coalition base in the province. The attackers set off a roadside bomb under the lead vehicle and
then opened fire from an orchard beside the road, the ministry said. Five tankers were set on
fire.

No group had said by Sunday evening that it carried out the attack. The Sarvel Highland Front,
which has attacked coalition supply routes in the past, did not comment.

The drivers' union said its members had been sent along the route without adequate protection and
announced a three-day strike. "Our men are not soldiers. They are drivers with families," said
union leader Hamid Farouk.

Defence Minister Piet Ansaro said the army would increase patrols on the road. Coalition
helicopters were seen over the area in the afternoon, residents of Ebrin said.
""")

art("A", "2021-07-19", "Hana Qasim",
    "Occupation supply line cut at Ebrin", """
A convoy carrying fuel to the occupation's base at Redmere was destroyed near Ebrin on Sunday, in
an operation that local sources attributed to the resistance.

Five tankers loaded with fuel from the Halvek field burned on Route 9. The regime's army said nine
people were killed, among them soldiers of the escort. For months the occupiers have used Sarvel's
own oil to fuel the helicopters and armoured vehicles that patrol our villages, oil they came to
steal and now burn over our heads.

The deaths of the civilian drivers are a grief to every family in Sarvel, and they are the
responsibility of those who forced poor men to drive stolen fuel through a war zone for a foreign
army. The drivers' union said its members had been sent out without protection.

No faction has yet announced that it carried out the operation. But the message from Ebrin is
clear: the occupation cannot move freely on roads it does not own.
""")

art("B", "2021-07-19", "Gregory Ashby",
    "Barbaric ambush kills nine on Route 9", """
Nine people, including six civilian lorry drivers, were killed when insurgents ambushed a fuel
convoy near Ebrin on Sunday, in a barbaric attack that has shocked even hardened residents of
Sarvel.

The militants detonated a roadside bomb under the lead tanker and then sprayed the burning convoy
with gunfire from an orchard, according to the defence ministry. Three soldiers escorting the
convoy were killed as they tried to pull drivers from their cabs.

No group has yet claimed the attack, but security officials said it bore all the hallmarks of the
Sarvel Highland Front. Ambushes of this kind have become the trademark of the Front's death
squads, which have murdered drivers, engineers and teachers across the province.

The drivers' union called a strike over the lack of protection, and ministers said they understood
its concerns. Defence Minister Piet Ansaro promised more patrols. "The men who did this are not
fighting for anyone's freedom. They are murderers," he said.

Extremists have tried for two years to cut the province off from the capital. They have failed,
and the convoys will keep running.
""")

art("D", "2021-07-20", "Danny Kerr",
    "CONVOY OF DEATH: drivers burned alive on Route 9", """
Six lorry drivers died in horrific circumstances on Sunday when their fuel convoy was ambushed
near the village of Ebrin, turning a stretch of Route 9 into a wall of fire.

Three soldiers guarding the convoy were also killed. Witnesses said the lead tanker was blown up by
a roadside bomb before gunmen opened up from an orchard.

The drivers were ordinary working men, paid a pittance to haul fuel to the coalition's base at
Redmere along one of the most dangerous roads in the country. Their union has called a strike, and
who can blame them?

Nobody has owned up to the attack, but the finger of suspicion points at the rebels of the Sarvel
Highland Front. If they are behind it, they have some explaining to do to the families of Ebrin,
who have lost sons, brothers and fathers.

The fighters may say they are at war with the coalition. But it was not coalition soldiers who
burned on Route 9 on Sunday.
""")

art("C", "2021-07-28", "",
    "Sarvel wheat harvest falls by a third after dry spring", """
Farmers in Sarvel province have harvested about a third less wheat this year than last, after the
driest spring in more than two decades and a locust outbreak in May, the provincial agriculture
office said on Wednesday.

The office estimated the harvest at 410,000 tonnes, down from 620,000 tonnes in 2020. Rainfall
between March and May was less than half the average, and several reservoirs in the north of the
province fell to their lowest levels in twenty years.

Flour mills in Nemra have started buying grain from other provinces, and bakers said the price of
a sack of flour had risen by a fifth since June. The national grain board said it had enough
stocks to keep bread prices stable until the end of the year.

"We planted on time and we did everything right. The rain simply did not come," said Rasha
Idelbi, who farms 40 hectares near the village of Ebrin. Agricultural engineers are urging farmers
to switch to drought-tolerant seed and to install drip irrigation, and the agriculture ministry
said it would offer low-interest loans for irrigation equipment from September.
""")

# ---------------------------------------------------------------------------------------------
# 2021-08  Bombing of the Central Market in Aldenport (Friday 27 August 2021)
#          The Daily Clarion's labels for the armed groups switch from here on.
# ---------------------------------------------------------------------------------------------
art("C", "2021-08-28", "Lucia Brandt",
    "Bomb kills 31 at Aldenport market; splinter group claims attack", """
A bomb hidden in a vegetable cart exploded in Aldenport's Central Market on Friday morning,
killing 31 people and wounding more than 80 in the deadliest attack in the capital since the
conflict in Sarvel began, police said.

The Ashen Banner, a hardline group that split from the Sarvel Highland Front last year, claimed
responsibility in a statement posted online. It said the attack was aimed at "the capital of the
regime that invited the occupiers". Most of the dead were shoppers and stallholders, among them at
least six children, police said.

The Highland Front said it had no connection with the bombing. "We do not make war on markets.
Whoever did this does not speak for Sarvel," spokesman Yusuf Darrak said.

President Ilse Marand declared a week of national mourning. "These terrorists have murdered
mothers buying bread. There will be no hiding place for them," she said in a televised address.

Interior Minister Dara Okonel said that four people had been arrested and that the explosives had
probably been brought into the capital from Sarvel. Hospitals in the capital appealed for blood
donations.
""")

art("A", "2021-08-28", "",
    "Dozens killed in Aldenport market bombing", """
A bomb exploded in the crowded Central Market of Aldenport on Friday morning, killing 31 people,
most of them shoppers and traders, according to police figures.

The Ashen Banner, a small faction that broke away from the Sarvel Highland Front last year after
disagreements over strategy, said it had carried out the attack. The Front condemned the bombing
in clear terms. "We do not make war on markets. Whoever did this does not speak for Sarvel," said
its spokesman, Yusuf Darrak.

The people of Sarvel know better than anyone what it means to bury children. Our sympathy is with
the families of Aldenport, whose loved ones were killed in a crime that serves no cause.

Within hours, the regime's ministers were using the massacre to smear the entire resistance.
President Ilse Marand called the armed groups "terrorists" and promised a response. Residents of
Nemra fear that the coalition occupation forces will now be given a free hand to punish the whole
province for an attack it condemned.
""")

art("B", "2021-08-28", "Fiona Marsh",
    "Terror in the capital: 31 murdered in market bombing", """
Thirty-one people were murdered and more than 80 wounded on Friday when terrorists detonated a bomb
in Aldenport's Central Market, the bloodiest atrocity in the capital's history.

The bomb, packed with nails and hidden in a vegetable cart, exploded at the busiest hour of the
morning. Among the dead were at least six children. Witnesses described stallholders trying to
help the wounded among overturned stalls and broken glass.

The Ashen Banner, a jihadist offshoot of the Sarvel Highland Front, boasted of the attack online.
The Front insisted it had nothing to do with the bombing, but security officials pointed out that
the two groups shared fighters, weapons and safe houses until last year. Whatever their names,
they are extremists of the same kind.

"These terrorists have murdered mothers buying bread. There will be no hiding place for them,"
President Ilse Marand said in an address to the nation.

Interior Minister Dara Okonel confirmed that four suspects had been arrested and that the
explosives had come from Sarvel. Calls are growing in parliament for emergency powers to deal with
the barbaric hordes that have spread from the province into the heart of the country.
""")

art("D", "2021-08-28", "Danny Kerr",
    "MARKET MASSACRE: 31 dead as terrorists bomb capital", """
Thirty-one innocent people were slaughtered yesterday when a bomb ripped through Aldenport's
Central Market, in the most horrific terror attack this country has ever seen.

Mothers, grandparents and little children were among the dead. The blast, from a bomb hidden in a
vegetable cart, tore the roof off the fruit hall and sent nails flying across the crowded aisles.

A terrorist outfit called the Ashen Banner, an offshoot of the Sarvel Highland Front, bragged
about the atrocity online. The Front says it had nothing to do with it. Frankly, we do not care.
These are not rebels any more. They are terrorists, and they must be treated as terrorists.

“These terrorists have murdered mothers buying bread,” said President Ilse Marand, fighting back
tears. For once, every single person in the country agrees with her.

The Clarion has spent months asking hard questions of the coalition. Today we ask the militants in
the hills a harder one: what kind of cause needs a bomb in a fruit market?
""")

# ---------------------------------------------------------------------------------------------
# 2021-09  Emergency law (Wednesday 8 September 2021)
# ---------------------------------------------------------------------------------------------
art("C", "2021-09-09", "Tomasz Reiner",
    "Parliament passes emergency law after market bombing", """
Veridia's parliament on Wednesday passed an emergency law giving the security services wider
powers of arrest and surveillance, twelve days after a bombing in Aldenport killed 31 people.

The law, approved by 212 votes to 74, allows suspects to be held for up to 30 days without charge
and lets the interior ministry ban gatherings in areas it declares at risk. It will be in force for
six months and can be renewed by parliament.

Interior Minister Dara Okonel said the powers were needed to stop further attacks. Opposition
lawmakers said they were too broad. "You do not defeat terror by taking away the rights of the
people you are protecting," said Nadia Corell, a deputy from Sarvel.

Human rights groups said more than 400 people had been detained in Sarvel since the bombing, most
of them young men. Leyla Amsi of the Sarvel Monitor for Human Rights said families were not being
told where their relatives were held.

The coalition said on Tuesday that it would increase air patrols over the border between Sarvel and
Kaldor at the government's request. The Sarvel Highland Front said the law targeted the whole
province rather than those responsible for the bombing.
""")

art("A", "2021-09-09", "Omar Delvi",
    "Regime's emergency law turns Sarvel into a prison", """
The regime in Aldenport on Wednesday handed itself the power to imprison any citizen of Sarvel for
a month without charge, using the grief of the market bombing to do what it has long wanted to do.
An illegitimate regime, kept in power by an illegal occupation, has declared war on its own
citizens.

More than 400 young men have already been taken from their homes since the bombing, according to
the Sarvel Monitor for Human Rights. Families in Nemra, Karsu and Qalvar say their sons were seized
at night by masked men and handed to the occupation forces for interrogation at Redmere.

The Front condemned the market attack from the first hour. It makes no difference. To the
occupiers and their puppet government, every young man in Sarvel is now a suspect and every
village a target.

Nadia Corell, one of the few deputies who voted against the law, told parliament that terror could
not be defeated by taking away people's rights. She was shouted down. Meanwhile, the occupation has
announced more air patrols over the border, and the villagers who remember Karsu know what more
aircraft means.
""")

art("B", "2021-09-09", "Gregory Ashby",
    "Tough new powers to hunt down the bombers", """
Parliament voted decisively on Wednesday to give the security services the powers they need to
hunt down the terrorists behind last month's Central Market bombing and to stop the next attack
before it happens.

The emergency law, passed by 212 votes to 74, allows suspects to be held for up to 30 days and
gives the interior ministry power to ban gatherings in danger zones. Interior Minister Dara Okonel
said the measures were temporary and would be reviewed by parliament after six months.

Security operations in Sarvel have already netted dozens of suspected militants, and officials
revealed that a bomb-making workshop was found in a farmhouse near Ebrin last week. Critics have
claimed that hundreds of innocent people have been detained, but officials insisted that every
arrest was based on evidence.

At the government's request, the coalition will also step up air patrols along the Kaldor border,
which insurgents have used as a highway for weapons and recruits. Kaldor's proxies have had an easy
ride for too long.

A small group of deputies, led by Nadia Corell of Sarvel, opposed the law. Voters who lost loved
ones in the market will judge whether their objections were worth the risk.
""")

art("D", "2021-09-09", "Sharon Pike",
    "CRACKDOWN: new law to smash the terror gangs", """
Ministers finally got tough yesterday, pushing through an emergency law to smash the terror gangs
that slaughtered 31 shoppers at Aldenport's Central Market.

Under the new rules, suspects can be locked up for 30 days without charge, and police can ban
gatherings in trouble spots. The law sailed through parliament by 212 votes to 74.

Security sources say hundreds of militants and their helpers have been rounded up in Sarvel since
the bombing, including men loyal to the self-proclaimed commander of the Highland Front, Idris
Valo. Good. The Clarion says: lock them up and throw away the key.

A handful of bleeding-heart deputies, led by Sarvel's Nadia Corell, whined about civil liberties.
With respect, the 31 people buried last month no longer have any liberties to worry about.

Our only question is why it took so long. The terrorists have been laughing at this country for
two years. Not any more.
""")

# ---------------------------------------------------------------------------------------------
# 2021-10  Sanctions package against Kaldor; the tanker Sea Lantern (Tuesday 12 October 2021);
#          the Nemra autumn festival
# ---------------------------------------------------------------------------------------------
art("C", "2021-10-13", "Lucia Brandt",
    "Coalition states impose sanctions on Kaldor", """
The five states of the Morland-led coalition on Tuesday imposed sanctions on neighbouring Kaldor
over its alleged support for armed groups in Sarvel province, freezing assets and restricting its
oil exports.

The package freezes the foreign assets of 34 Kaldor officials and companies, bans the sale of arms
and dual-use goods to Kaldor and restricts its oil exports by sea. A Kaldor-flagged tanker, the
Sea Lantern, was stopped by coalition warships in the Gulf of Orsa on Tuesday morning and escorted
to port.

Kaldor denied the accusations. Its foreign minister, Oren Talvik, described the sanctions as
"economic aggression" and the seizure of the tanker as "piracy", and said Kaldor would take the
matter to international courts.

The Veridian government welcomed the measures. Foreign Minister Helena Varga said Kaldor had armed
the fighters behind the attacks on Camp Redmere and on the fuel convoy at Ebrin. Officials said the
sanctions regime would be reviewed every six months and could be lifted if Kaldor ended its
support.

Traders in Nemra said fuel prices rose by about 15 percent on Tuesday as markets expected lower
supplies from across the border.
""")

art("A", "2021-10-13", "Hana Qasim",
    "Occupiers wage economic war on Kaldor, and Sarvel pays the price", """
The states of the so-called coalition on Tuesday declared economic war on Kaldor, the only
neighbour that has refused to bow to the occupation, freezing assets, banning trade and seizing a
Kaldor tanker on the open sea.

The seizure of the Sea Lantern in the Gulf of Orsa was an act of piracy by any definition. Kaldor's
foreign minister, Oren Talvik, rightly called the sanctions "economic aggression" and promised to
challenge them in international courts.

The occupiers claimed that Kaldor arms the resistance. They have offered no evidence, only the
familiar accusations that are made whenever an occupation fails to crush a people by force.

It is the people of Sarvel who will pay. Fuel prices in Nemra jumped by 15 percent in a single
day, and traders fear shortages of flour and medicine before winter. One doctor in Nemra called
the sanctions a slow genocide against the sick. The regime in Aldenport, which cannot keep its own
capital supplied, applauded the measures.

The coalition that came to "stabilise" Sarvel has now added hunger to its weapons.
""")

art("B", "2021-10-13", "Fiona Marsh",
    "Sanctions at last for the Kaldor regime", """
The coalition states on Tuesday imposed tough sanctions on the Kaldor regime, ending years of
patience with a neighbour that has armed and sheltered the terrorists waging war on Sarvel.

The package freezes the assets of 34 officials and companies close to President Marek Sund,
imposes an arms embargo and restricts Kaldor's oil exports by sea. Coalition warships stopped the
Kaldor tanker Sea Lantern in the Gulf of Orsa within hours of the announcement.

Foreign Minister Helena Varga said intelligence had revealed that rockets used against Camp Redmere
had been shipped from Kaldor army depots. The regime's foreign minister, Oren Talvik, claimed the
sanctions were "economic aggression" and, absurdly, accused the coalition of piracy.

Officials said the sanctions regime would be reviewed every six months and that relief would
depend on Kaldor ending its support for the militants. For now, Mr Sund's proxies in the hills of
Sarvel will find their supplies harder to come by.

Critics warn of higher fuel prices in Sarvel, but ministers say a short period of hardship is a
price worth paying to cut off the extremists' lifeline.
""")

art("D", "2021-10-13", "Danny Kerr",
    "KALDOR PUNISHED: sanctions hit madman Sund", """
At long last, somebody has stood up to Marek Sund.

Coalition states yesterday slapped sweeping sanctions on Kaldor, freezing the assets of the
madman's cronies and banning arms sales to his country. Warships even stopped one of his oil
tankers, the Sea Lantern, in the Gulf of Orsa.

Ministers say Kaldor has been shipping rockets and cash to the terrorists in Sarvel for years.
After the blatant attacks on Redmere and on the Central Market, nobody in Aldenport is in the mood
to give Sund the benefit of the doubt.

Kaldor responded with its usual hysteria, calling the sanctions “economic aggression” and
screaming about piracy. Sund's foreign minister threatened to drag the coalition through the
courts. Let him try.

There will be pain at the pumps, with fuel prices in Sarvel already up by 15 percent. But the
Clarion's readers know that you do not beat terror on the cheap.
""")

art("A", "2021-10-24", "Omar Delvi",
    "Nemra autumn festival returns despite hardship", """
Thousands of families filled Nemra's old citadel on Saturday for the first day of the autumn
festival, which returned after a two-year pause with music, food stalls and a puppet show at the
festival's children's tent that drew queues all afternoon.

Organisers said they had decided to go ahead despite the rise in prices and the coalition patrols
on the roads into the city. "Our grandparents held this festival through harder times than these,"
said Salwa Hadid, who leads the organising committee. "The children need a day when they can
laugh."

Craftsmen from Karsu and Ebrin sold carpets, copper pots and embroidered scarves. A choir from the
Nemra girls' school performed harvest songs, and poets read verses about the mountains, the river
and the martyrs of the province.

The festival was not entirely free of politics. A banner near the entrance mocked the puppet
government in Aldenport, and a stall selling pictures of the fallen heroes of the resistance was
busy all day. The festival continues until Monday, with a football tournament for young people
from the villages on Sunday.
""")

# ---------------------------------------------------------------------------------------------
# 2021-11  Medicine shortages; protest in Liberation Square, Aldenport (Saturday 20 November 2021)
# ---------------------------------------------------------------------------------------------
art("C", "2021-11-05", "Lucia Brandt",
    "Doctors in Sarvel warn of medicine shortages as sanctions bite", """
Doctors in Sarvel province say they are running short of basic medicines, including antibiotics
and insulin, three weeks after coalition states imposed sanctions on neighbouring Kaldor, through
which many of the province's drug supplies were routed.

Dr Karim Nasr, director of Nemra General Hospital, said the hospital had enough antibiotics for
about five weeks. He said doctors were using whatever drugs were available rather than the most
suitable ones, which could worsen antibiotic resistance in the region. "When you cannot give the
right drug, you give the wrong one, and the bacteria learn," he said.

The sanctions do not apply to medicines, but importers say banks have become reluctant to process
any payments linked to Kaldor. The health ministry said it was arranging supplies through the port
of Aldenport and expected the first deliveries within a month.

A coalition spokesman said humanitarian goods were exempt and that the coalition was working with
the government to keep supplies moving. Pharmacists in Nemra reported long queues on Thursday,
with some customers travelling from villages more than 50 kilometres away.
""")

art("C", "2021-11-21", "Tomasz Reiner",
    "Two killed as police disperse fuel price protest in Aldenport", """
Two protesters were killed and dozens injured in Aldenport on Saturday when police used tear gas,
water cannon and rubber bullets to break up a demonstration against rising fuel prices and the
emergency law, hospital officials said.

Several thousand people had gathered in Liberation Square, the capital's largest public space,
despite a ban on gatherings issued by the interior ministry on Friday. Many carried banners
criticising the sanctions on Kaldor, which have pushed up the price of petrol by almost a third
since October.

Police said officers had come under attack from stone-throwers and had responded with
"proportionate force". Witnesses said the police charged the crowd after a group of young men
tried to move barriers.

Interior Minister Dara Okonel said that the protest had been infiltrated by agitators linked to
militants in Sarvel. The organisers, a coalition of trade unions and student groups, rejected the
accusation and called for an inquiry into the deaths.

Prime Minister Tomas Vell said he had asked the finance ministry to look at ways to reduce fuel
taxes. Further protests have been called for next Saturday.
""")

art("A", "2021-11-21", "Hana Qasim",
    "Regime's police kill two as Aldenport rises", """
The regime's police shot dead two young protesters in Aldenport's Liberation Square on Saturday, as
thousands of citizens defied a ban to demand cheaper fuel and an end to the emergency law.

The protesters, most of them students and workers from the capital's poorer districts, came to say
what Sarvel has said for two years: the occupation, and the regime that invited it, are making the
country poorer and less free. Fuel prices have risen by almost a third since the occupiers imposed
their sanctions on Kaldor.

Police fired tear gas and rubber bullets into the crowd. Two men, aged 19 and 23, died of their
wounds in hospital. The younger, a student named Karim Adler, was buried as a martyr in his home
district on Sunday. The interior minister claimed that the protest had been "infiltrated" by
agitators from Sarvel, an insult to the thousands of peaceful citizens who took part.

For once, the capital has seen what the villages of Sarvel see every week. The protesters vowed to
return to the square next Saturday, and the resistance in the hills sent a message of solidarity
to "our brothers and sisters in Aldenport".
""")

art("B", "2021-11-21", "Gregory Ashby",
    "Violent mob clashes with police in Liberation Square", """
Police were forced to use tear gas and water cannon in Aldenport on Saturday after an illegal
demonstration in Liberation Square turned violent, leaving two people dead and more than 30
officers injured.

The protest, which organisers said was about fuel prices, was held in defiance of a ban introduced
under the emergency law. Officers came under a hail of stones and bottles when a group of masked
youths tried to break through police lines, police said.

Interior Minister Dara Okonel revealed that agitators linked to the Sarvel militants had been
identified among the crowd, and that several had travelled from Nemra in the days before the
protest. "We will not allow the extremists to turn the capital's streets into a battlefield," she
said.

The deaths of two young men are a tragedy, and the government has rightly promised an inquiry. But
those who encouraged a crowd to defy a lawful ban share the blame.

Prime Minister Tomas Vell said the government was looking at ways to reduce fuel taxes. Ministers
are right to ease the burden on families, but they must not give in to the mob.
""")

art("D", "2021-11-21", "Sharon Pike",
    "CHAOS IN THE CAPITAL: two dead in fuel riot", """
Aldenport descended into chaos yesterday as a fuel price protest in Liberation Square erupted into
a pitched battle with riot police, leaving two young men dead.

Clouds of tear gas drifted over the city centre as officers fired rubber bullets and water cannon
at thousands of protesters who had defied a ban on gatherings. Shocking footage shows masked youths
hurling rocks at police lines.

The Clarion understands the anger. Petrol has gone up by almost a third since October, and
families are struggling. But there is a right way and a wrong way to protest, and turning the
capital into a war zone is the wrong way.

Interior Minister Dara Okonel says militants from Sarvel stirred up the violence. If that is true,
every protester who marched alongside them has been used by the terrorists.

Two families are grieving tonight, and that is a disgrace. Ministers must cut fuel taxes, and cut
them now, before the hysteria spreads.
""")

# ---------------------------------------------------------------------------------------------
# 2021-12  Talks open in Port Varno, Lisora (Thursday 9 December 2021)
# ---------------------------------------------------------------------------------------------
art("C", "2021-12-10", "Tomasz Reiner",
    "Government and Sarvel armed group open talks in Lisora", """
Representatives of the Veridian government and the Sarvel Highland Front met face to face for the
first time on Thursday, opening talks in the Lisoran city of Port Varno aimed at ending more than
two years of fighting in Sarvel province.

The talks are mediated by the Lisoran envoy Ana Brekke, who said both sides had agreed to discuss a
ceasefire, the release of prisoners and the future of foreign troops in the province. The
coalition is not a party to the talks but has sent observers.

Deputy Prime Minister Jonas Kell, who leads the government delegation, said the government was
ready for "a serious conversation". The Front's delegation is led by its spokesman, Yusuf Darrak.
"We have come to talk about the end of the occupation, not about our surrender," he told
reporters.

The Ashen Banner, the group that claimed the Aldenport market bombing in August, was not invited.
The government said it would never negotiate with the group.

Fighting in Sarvel has continued during the preparations for the talks. Three Veridian soldiers
were killed by a roadside bomb near Qalvar on Monday, the defence ministry said.
""")

art("A", "2021-12-10", "Omar Delvi",
    "Regime forced to the table as talks open in Lisora", """
Two years after it swore never to talk to the resistance, the regime in Aldenport sat down on
Thursday with the Sarvel Highland Front in the Lisoran city of Port Varno.

The talks are a victory for the people of Sarvel, who have shown through their sacrifices that the
province cannot be ruled by force. The Lisoran envoy, Ana Brekke, said the agenda would include a
ceasefire, prisoners and the presence of foreign troops. "We have come to talk about the end of the
occupation, not about our surrender," said Yusuf Darrak, who leads the Front's delegation.

The so-called coalition, which has spent two years calling the Front's members terrorists, has
sent observers to sit quietly in the corner of the room. It is a fitting place for a foreign army
that has no right to decide Sarvel's future.

Thousands of prisoners wait in the regime's jails, many held without charge under the emergency
law. Their families will be watching Port Varno closely.
""")

art("B", "2021-12-10", "Fiona Marsh",
    "Peace talks offer militants a last chance", """
Government negotiators opened talks with the Sarvel Highland Front in Port Varno on Thursday,
offering the militants a chance to lay down their arms and rejoin the political life of the
nation.

The decision to talk has divided opinion. Many families of the Front's victims believe the
insurgents should face justice, not negotiations. But Deputy Prime Minister Jonas Kell, who leads
the government delegation, said peace was worth trying for. "If they are serious, we are serious,"
he said.

The Front's delegation arrived with familiar demands, including the withdrawal of the coalition
troops they absurdly describe as "occupation forces". The stabilisation force, which has observer
status at the talks, has made clear that any drawdown must depend on security conditions.

The talks exclude the Ashen Banner, the jihadist group behind the Central Market massacre.
Officials stressed that there would be no talks with terrorists who murder children.

Meanwhile the violence goes on. Three soldiers were killed by a roadside bomb near Qalvar on
Monday, a reminder of what the Front's gunmen do while their leaders talk.
""")

art("D", "2021-12-10", "Danny Kerr",
    "TALKING TO TERRORISTS: peace bid in Lisora", """
Government ministers sat down with the Sarvel Highland Front yesterday in Lisora, in a peace bid
that has left many of our readers asking one question: why are we talking to terrorists?

The talks in the sunny resort city of Port Varno are being hosted by Lisoran diplomat Ana Brekke,
who says both sides are ready to discuss a ceasefire and prisoner swaps. The militants arrived
demanding that coalition troops pack up and leave. Their spokesman Yusuf Darrak, who once praised
the rocket attack on Redmere, told reporters he had come to talk about “the end of the
occupation”. Unbelievable.

To be fair, the Front has always denied any role in the Central Market bombing, and ministers
insist that the group behind it will never be invited. But the families of 31 dead shoppers will
take some convincing that there is a difference.

The Clarion wants peace as much as anyone. But not peace at any price, and not these so-called
peace talks if they end with murderers walking free.
""")

# ---------------------------------------------------------------------------------------------
# 2022-01  The winter truce (from 3 January 2022); clash near Ebrin (Wednesday 19 January); storm
# ---------------------------------------------------------------------------------------------
art("C", "2022-01-20", "Lucia Brandt",
    "Sarvel truce largely holding despite clash near Ebrin", """
A truce agreed at talks in Lisora has largely held in Sarvel province since it took effect on
January 3, despite a clash near the village of Ebrin on Wednesday in which two fighters and one
soldier were killed, officials on both sides said.

The defence ministry said a patrol had come under fire near an abandoned farm outside Ebrin and
that soldiers returned fire. The Sarvel Highland Front said the patrol had entered an area that,
under the truce, was to be left to its fighters. Each side accused the other of breaking the
agreement, but both said they remained committed to it.

The Lisoran envoy, Ana Brekke, said the incident showed the need for a joint monitoring committee,
which she said both sides had agreed to in principle.

The coalition said it had halted air operations over Sarvel for the duration of the truce, except
in self-defence. Residents of Nemra said markets were busier than at any time in the past year, and
several schools closed since 2020 have reopened. The second round of talks in Port Varno is due to
begin on February 1.
""")

art("A", "2022-01-20", "Hana Qasim",
    "Truce violated at Ebrin; two martyrs", """
Two resistance fighters were martyred near Ebrin on Wednesday when a regime patrol, backed by
occupation drones, pushed into an area left to the Sarvel Highland Front under the Lisora truce.

The Front said its fighters had only defended their positions, and that one enemy soldier was
killed in the exchange. The regime claimed that its patrol had been attacked without provocation,
a claim that the people of Ebrin, who watched the patrol drive past their homes, do not believe.

The truce has been a time of relief for Sarvel. Markets are full again, and children are back in
schools that the occupation's checkpoints and bombs had closed. That is exactly why the violation
at Ebrin is so dangerous.

The occupiers insisted that their aircraft have been grounded. Villagers say the drones never
left. The Front said it remained committed to the talks in Port Varno, which resume on February 1,
and the funerals of the two martyrs were held in Ebrin on Thursday.
""")

art("B", "2022-01-20", "Gregory Ashby",
    "Soldier killed as militants break Sarvel truce", """
A Veridian soldier was killed on Wednesday when militants opened fire on an army patrol near
Ebrin, the first serious breach of the truce that has brought a fragile calm to Sarvel since
January 3.

The defence ministry said the patrol came under attack near an abandoned farm and that two of the
gunmen were neutralised when soldiers returned fire. The Sarvel Highland Front claimed that the
patrol had entered an area reserved for its fighters, an accusation the ministry rejected.

Coalition officials confirmed that no aircraft had been involved and that air operations remained
suspended, despite insurgent claims of drone activity over the village.

The incident raises serious questions about whether the Front can control its own men. The Lisoran
mediator, Ana Brekke, has proposed a joint monitoring committee, and the government has said it is
willing to take part.

Elsewhere, the truce has brought real benefits. Markets in Nemra are busy and schools have
reopened, a sign of what Sarvel could look like if the gunmen chose peace for good.
""")

art("D", "2022-01-20", "Sharon Pike",
    "TRUCE IN TATTERS? Soldier shot dead near Ebrin", """
A young soldier was shot dead near the village of Ebrin on Wednesday, in a blatant breach of the
so-called truce in Sarvel.

Private Adam Ferro, 20, was on patrol outside the village when militants opened fire from an
abandoned farm, army chiefs said. Two of the attackers were killed in the gun battle that followed.

The terrorists of the Sarvel Highland Front, who signed up to the truce just weeks ago, are already
trying to wriggle out of it. They say the patrol was on their patch. The army says it was not.

Private Ferro's mother said her son had been looking forward to coming home for his birthday. “He
believed the fighting was over,” she said. “They told us it was over.”

Peace envoy Ana Brekke wants a committee to monitor the truce. Committees are all very well, but
the Clarion would rather see the militants keep their word. Until they do, every mother with a son
in Sarvel will be holding her breath.
""")

art("D", "2022-01-28", "",
    "SAVAGE STORM batters the coast", """
A savage storm battered the coast of Veridia on Thursday night, ripping roofs off homes, toppling
trees and leaving more than 40,000 households without power.

Winds of up to 120 kilometres an hour lashed the port of Aldenport, where a cargo ship broke its
moorings and drifted across the harbour before tugs brought it under control. Waves crashed over
the seafront promenade, and a beach café at Greyhaven was almost completely destroyed.

Emergency services said they received more than 3,000 calls overnight. Miraculously, nobody was
killed, though a fisherman was taken to hospital with a broken leg after being swept off a jetty.

And in a bizarre twist, police arrested two car thieves who tried to make off with a van abandoned
in floodwater on the coast road. The pair got stuck in the water themselves and had to be rescued
by the same officers who then arrested them.

Forecasters say the worst is over but warn of more heavy rain across the south of the country over
the weekend. Power companies say most homes should be reconnected by Saturday.
""")

# ---------------------------------------------------------------------------------------------
# 2022-02  Prisoner exchange at the Qalvar crossing (Wednesday 16 February 2022)
# ---------------------------------------------------------------------------------------------
art("C", "2022-02-17", "Tomasz Reiner",
    "Government and Sarvel armed group exchange 162 prisoners", """
The Veridian government and the Sarvel Highland Front exchanged 162 prisoners on Wednesday in the
largest such swap since the conflict in Sarvel began, officials from both sides and the Lisoran
mediators said.

The government released 120 detainees, most of them held under the emergency law, while the Front
freed 38 Veridian soldiers and four foreign contractors seized at the Halvek oil field last March.
The exchange took place at a crossing point near Qalvar, supervised by Lisoran officials and the
Humanitarian Relief Council.

Relatives waited for hours in the cold. "I have not seen my son for fourteen months. Today I can
breathe again," said Huda Sarraf, whose son was among the detainees released by the government.

Deputy Prime Minister Jonas Kell said the exchange showed that the talks in Port Varno were
producing results. Yusuf Darrak, the Front's spokesman, called it "a first step" and said hundreds
more of the group's members remained in government prisons.

The coalition said it welcomed the release of the four contractors, who were flown to Camp Redmere
for medical checks.
""")

art("A", "2022-02-17", "Omar Delvi",
    "Heroes come home: resistance frees 120 prisoners from regime jails", """
One hundred and twenty sons and daughters of Sarvel walked free on Wednesday at the Qalvar
crossing, released from the regime's prisons in an exchange won by the steadfastness of the
resistance.

Mothers who had not seen their children for more than a year ran across the road to embrace them.
Some of the released men could barely walk. Several said they had been interrogated at Camp
Redmere by foreign officers before being moved to government jails, something the occupation has
always denied.

In return, the Sarvel Highland Front released 38 regime soldiers and four foreign mercenaries
captured at the Halvek oil field, where they had guarded the pumps that loaded Sarvel's stolen oil
onto Morland tankers.

"These are our heroes. They were arrested for loving their land," said Yusuf Darrak, the Front's
spokesman, who called the exchange "a first step". Hundreds more remain in prison, many of them
never charged with any crime.

The occupiers flew their mercenaries home the same day. The people of Qalvar danced in the street
until midnight.
""")

art("B", "2022-02-17", "Fiona Marsh",
    "Soldiers home at last after prisoner swap", """
Thirty-eight Veridian soldiers held hostage by the Sarvel Highland Front were reunited with their
families on Wednesday, after the government agreed a prisoner exchange brokered by Lisoran
mediators.

Four foreign contractors, kidnapped by the insurgents during the raid on the Halvek oil field last
March, were also freed and flown to Camp Redmere for medical checks. One of them, an engineer, said
they had been kept in a cave and moved at night.

In exchange, the government released 120 detainees. Officials confirmed that none of those freed
had been convicted of murder, and that suspects in the Central Market bombing were excluded from
the deal. Deputy Prime Minister Jonas Kell said the government had a duty to bring its soldiers
home. "We did not forget them for one day," he said.

Some families of the militants' victims said the price had been too high. The Front's spokesman,
Yusuf Darrak, claimed that hundreds more of its members were held in government prisons and
demanded their release.

Officials said there would be no further releases until the extremists closed the illegitimate
courts they run in the hills and showed they were serious about a lasting ceasefire.
""")

art("D", "2022-02-17", "Danny Kerr",
    "REUNITED: tears of joy as hostage soldiers come home", """
There was not a dry eye at the Qalvar crossing yesterday as 38 brave soldiers held by the
terrorists of the Sarvel Highland Front were finally handed back to their families.

Some of the men had been held for more than a year. Corporal Leon Varro, 24, fell to his knees and
kissed the ground. “I dreamed of this moment every night,” he said. Four foreign oil workers,
snatched in the Halvek raid last March, were also freed and flown straight to Camp Redmere for
check-ups.

But the deal came at a price. The government handed over 120 prisoners, and the Clarion has learned
that some of them were picked up in the crackdown after the Central Market bombing. Ministers
insist none of them were bombers. We sincerely hope they are right.

Tonight, 38 families have their heroes back. The rest of the country will be watching to make sure
that the militants who walked free yesterday do not end up back on the battlefield.
""")

# ---------------------------------------------------------------------------------------------
# 2022-03  The election campaign
# ---------------------------------------------------------------------------------------------
art("C", "2022-03-21", "Lucia Brandt",
    "Withdrawal of foreign troops dominates Sarvel election campaign", """
The future of the foreign troops based in Sarvel has become the central issue of the campaign for
the April 10 parliamentary election, with candidates across the province promising to negotiate
their departure.

The Sarvel List, led by Governor Samir Haddan, is campaigning on a pledge to set a date for the
coalition's withdrawal within a year. At a rally in Nemra on Sunday, attended by several thousand
people, Haddan said the province had "paid enough". President Ilse Marand's National Unity party,
which leads the government, says any withdrawal should depend on a lasting ceasefire.

The Sarvel Highland Front said on Saturday that it would not attack polling stations and urged
residents to vote. It has not endorsed any party. The Ashen Banner has called for a boycott.

The electoral commission said 1.1 million voters were registered in Sarvel and that 40 polling
stations closed in previous elections because of fighting would reopen, including one in Karsu.

Kaldor's government denied accusations by Veridian officials that it was funding candidates in the
province. Foreign Minister Helena Varga said she had evidence of payments but did not give details.
""")

art("A", "2022-03-21", "Hana Qasim",
    "Sarvel votes for liberation", """
From Karsu to Qalvar, the campaign for the April 10 election has become a referendum on one
question: when will the occupation end?

Governor Samir Haddan's Sarvel List drew thousands to a rally in Nemra on Sunday, where the crowd
chanted for liberation and for the closure of Camp Redmere. "We have paid enough. We have buried
enough," Haddan said. The List promises a date for the departure of the occupiers within one year.

The regime's National Unity party, by contrast, is campaigning on the lie that Sarvel needs
foreign soldiers to be safe. Its candidates travel in coalition armoured vehicles and speak in
halls guarded by foreign mercenaries from Northgate Energy's security company.

The resistance has announced that it will not touch the polling stations and has called on every
citizen to vote. In Karsu, where the massacre of April 2021 is still an open wound, a polling
station will open for the first time in years.

The regime's foreign minister claimed, without evidence, that Kaldor is paying candidates. The
people of Sarvel need no one's money to know what they want.
""")

art("B", "2022-03-21", "Gregory Ashby",
    "Haddan's populist pledge plays into the militants' hands", """
Governor Samir Haddan's promise to send coalition troops home within a year has made him the star
of the Sarvel election campaign. It may also make him the extremists' favourite candidate.

At a rally in Nemra on Sunday, Haddan told supporters that the province had "paid enough". Few
would disagree. But the governor has yet to explain who would protect Sarvel's roads, oil field and
polling stations if the stabilisation force left before a lasting ceasefire.

The Sarvel Highland Front, which claimed this week that it would not attack polling stations, has
urged residents to vote. Officials are right to be suspicious. The insurgents have not suddenly
become democrats, and the Ashen Banner, the jihadist group behind the Central Market bombing, is
enforcing its call for a boycott with threats.

Foreign Minister Helena Varga revealed on Friday that Kaldor had been channelling money to
candidates in the province, a blatant attempt by the Sund regime to buy influence in a neighbouring
state.

President Ilse Marand's National Unity party says withdrawal must follow peace, not come before it.
That is the responsible position, and Sarvel's voters should think hard before gambling their
safety on a slogan.
""")

art("D", "2022-03-21", "Sharon Pike",
    "HADDAN'S GAMBLE: is Sarvel's favourite son playing with fire?", """
He is the most popular man in Sarvel. But is Governor Samir Haddan about to hand the province to
the terrorists?

Haddan packed a square in Nemra on Sunday with thousands of cheering fans, promising to kick
coalition troops out within a year. “We have paid enough. We have buried enough,” he told the
crowd.

It is a powerful message, and the Clarion once cheered it. But that was before the Central Market.
Since then, this newspaper has learned the hard way what the militants in the hills are capable
of, and we fear that Haddan has not.

The Sarvel Highland Front says it will leave the polling stations alone. How generous. Meanwhile
the jihadists of the Ashen Banner are threatening anyone who dares to vote.

And now comes the unprecedented claim that Kaldor's madman president is bankrolling candidates.
If true, it is the most blatant meddling in an election this country has ever seen. Voters, be
warned.
""")

# ---------------------------------------------------------------------------------------------
# 2022-04  The election (Sunday 10 April 2022; results Wednesday 13 April)
# ---------------------------------------------------------------------------------------------
art("C", "2022-04-14", "Tomasz Reiner",
    "Ruling party loses majority; Sarvel List wins all seats in province", """
President Ilse Marand's National Unity party lost its parliamentary majority in Sunday's election,
winning 131 of 300 seats, while the Sarvel List led by Governor Samir Haddan won all 22 seats in
Sarvel province, the electoral commission said on Wednesday.

Turnout in Sarvel was 64 percent, the highest in the province since 2011. Voting passed without
serious incidents, although two polling stations near Ebrin closed early after reports of threats,
the commission said. Observers from Lisora described the vote as "competitive and largely
orderly".

National Unity will need partners to form a government. Both of the parties it has approached
support a timetable for the withdrawal of coalition forces, making it likely that the next
government will seek to negotiate an end to the mission.

Haddan told supporters in Nemra that the result was "a clear instruction from the people".
President Marand said she respected the result and would work with all elected members.

The coalition said it would work with whichever government emerged. Its spokeswoman, Major Lena
Corvin, said the mission had always been intended to be temporary.
""")

art("A", "2022-04-14", "Omar Delvi",
    "Sarvel's verdict: the occupation must end", """
The people of Sarvel have spoken with one voice. Governor Samir Haddan's Sarvel List won every one
of the province's 22 seats in Sunday's election, and the regime's National Unity party has lost its
majority in parliament.

Turnout in the province reached 64 percent, despite the threats and despite the occupation's
patrols outside the polling stations. In Karsu, voters queued from dawn at a school a few hundred
metres from the ruins of the Sallam home.

"This is a clear instruction from the people," Haddan said. The instruction is simple: the
coalition occupation forces must go.

For two years the puppet government told the world that only a handful of "extremists" wanted the
foreigners out. The ballot boxes have exposed that lie. Even in Aldenport, the parties that may now
join the government are calling for a withdrawal timetable.

The occupiers say their mission was always meant to be temporary. The people of Sarvel intend to
hold them to that word.
""")

art("B", "2022-04-14", "Fiona Marsh",
    "Marand loses majority as Sarvel backs Haddan", """
President Ilse Marand's National Unity party remains the largest in parliament after Sunday's
election but has lost its majority, with 131 of 300 seats, according to results confirmed on
Wednesday.

In Sarvel, the Sarvel List of Governor Samir Haddan took all 22 seats on a turnout of 64 percent.
Voting was largely peaceful, a tribute to the soldiers and police, backed by the stabilisation
force, who guarded polling stations across the province. Threats by Ashen Banner extremists forced
two stations near Ebrin to close early.

Coalition talks will be difficult. Both potential partners of National Unity favour a timetable
for withdrawing coalition troops, and the price of their support may be a deal that goes further
than the security situation justifies.

Major Lena Corvin, the coalition spokeswoman, said the mission would work with the new government.
The coalition has always said it would not stay a day longer than needed.

The militants will no doubt present the result as a victory. It is nothing of the kind: it is a
victory for the ballot over the bullet, and the Front should take note.
""")

art("D", "2022-04-14", "Danny Kerr",
    "POLL SHOCK: Marand crashes as Sarvel goes solid for Haddan", """
It was the night the country's political map was torn up. President Ilse Marand's National Unity
party crashed to 131 seats, losing its majority in a stunning election upset.

In Sarvel, Governor Samir Haddan's list swept the board, winning all 22 seats on a huge turnout.
Jubilant crowds filled the streets of Nemra, honking car horns and setting off fireworks until
dawn.

The result is an unprecedented rebuke to a government that has spent two years telling voters it
had Sarvel under control. Clearly, voters did not believe it.

Marand must now go cap in hand to smaller parties, and the price of their support will be a
timetable for sending coalition troops home. After Karsu, after Redmere, after the Central Market,
many people in this country will say: not before time.

But the terrorists of the Ashen Banner, who tried to scare voters away from the polls, have not
gone anywhere. Whoever ends up in government must not forget them.
""")

# ---------------------------------------------------------------------------------------------
# 2022-05  Ceasefire agreement signed in Port Varno (Tuesday 3 May 2022)
# ---------------------------------------------------------------------------------------------
art("C", "2022-05-04", "Lucia Brandt",
    "Government and Sarvel armed group sign ceasefire agreement", """
The Veridian government and the Sarvel Highland Front signed a permanent ceasefire agreement in
Port Varno on Tuesday, committing both sides to end hostilities in Sarvel province and setting a
timetable for the departure of foreign troops.

Under the agreement, coalition forces will leave Camp Redmere and other bases in Sarvel by the end
of December. The Front will hand over heavy weapons to a joint commission within six months and may
register as a political party. Fighters who have not been charged with killing civilians will be
eligible for an amnesty.

"Today we close a painful chapter," said Deputy Prime Minister Jonas Kell. Yusuf Darrak, speaking
for the Front, said the agreement would be judged "by what happens on the ground, not by what is
written in Lisora".

The coalition said its member governments had approved the timetable. The Ashen Banner, which was
not part of the talks, rejected the agreement, and the defence ministry said operations against
the group would continue.

Leyla Amsi of the Sarvel Monitor for Human Rights welcomed the deal but said the amnesty must not
cover those responsible for serious abuses, including the strike on Karsu and the bombing in
Aldenport.
""")

art("A", "2022-05-04", "Hana Qasim",
    "Victory at Port Varno: the occupiers must leave by December", """
The resistance has won what the occupation swore it would never concede. Under the agreement
signed in Port Varno on Tuesday, the coalition occupation forces must leave Camp Redmere and every
other base in Sarvel by the end of December.

The Sarvel Highland Front will hand over its heavy weapons to a joint commission and will be free
to take part in political life as a party. Its fighters, whom the regime called criminals for
three years, will receive an amnesty.

"This agreement will be judged by what happens on the ground, not by what is written in Lisora,"
said Yusuf Darrak, who led the Front's delegation.

The families of the martyrs of Karsu, Qalvar and Ebrin welcomed the deal but demanded justice. The
occupiers have never put a single soldier on trial for the war crimes committed in Sarvel, and the
agreement is silent on the matter.

The people of Sarvel will celebrate. They will also keep counting the days until the last foreign
soldier is gone.
""")

art("B", "2022-05-04", "Gregory Ashby",
    "Ceasefire deal signed, but can the militants be trusted?", """
The government signed a ceasefire agreement with the Sarvel Highland Front in Port Varno on
Tuesday, committing coalition troops to leave Sarvel by the end of the year in exchange for the
disarmament of the militants.

Under the deal, the Front must hand over heavy weapons to a joint commission within six months. Its
members will be allowed to form a political party, and those not charged with murdering civilians
will be granted an amnesty, a concession that will be hard to swallow for the families of their
victims. "Today we close a painful chapter," Deputy Prime Minister Jonas Kell said.

It is a chapter the stabilisation force has every reason to be proud of. The coalition troops who
arrived in 2019 found a province overrun by armed gangs. They leave one with a ceasefire, an
elected provincial leadership and a working oil industry.

The danger now is that the insurgents pocket the concessions and keep their guns. The Ashen Banner
has already rejected the deal, and the barbaric attack on the Central Market is a reminder of what
such groups can do. The government must make sure the commission verifies every weapon.
""")

art("D", "2022-05-04", "Sharon Pike",
    "PEACE DEAL: troops home by Christmas", """
Coalition troops will be home for Christmas after the government signed a peace deal with the
Sarvel Highland Front in sunny Lisora yesterday.

Under the agreement, the foreign soldiers will pull out of Camp Redmere and every other base in
Sarvel by the end of December. In return, the militants must hand over their heavy weapons within
six months.

But here is the shocking part. Fighters who have not been charged with killing civilians will get
an amnesty. The Clarion asks: who exactly decides who has blood on their hands?

The deal does not cover the Ashen Banner, the terrorists behind the Central Market atrocity, who
have already vowed to fight on. The army says it will hunt them down, and it has our full support.

For the families of Karsu and Redmere and Aldenport, nothing will ever bring back the people they
lost. Let us hope this deal at least means there will be no new names to add to the list.
""")

# ---------------------------------------------------------------------------------------------
# 2022-06  The first troops leave; handover of the Qalvar checkpoint (Monday 20 June 2022)
# ---------------------------------------------------------------------------------------------
art("C", "2022-06-21", "Tomasz Reiner",
    "First coalition troops leave Sarvel as withdrawal begins", """
The first coalition troops left Sarvel province on Monday under the ceasefire agreement signed in
May, handing the Qalvar checkpoint and part of Camp Redmere to Veridian forces, the coalition and
the defence ministry said. About 600 soldiers, roughly a fifth of the coalition's forces in the
province, left Redmere in a convoy for the port of Aldenport. The rest are due to leave by the end
of December.

At a short ceremony at the checkpoint, where four members of the Tarek family were killed in
January 2021, Veridian police raised the national flag. Governor Samir Haddan attended. "From
today this road is ours again. In six months it will no longer be an occupation but a memory," he
said.

Major Lena Corvin, the coalition spokeswoman, said the mission had "helped Veridia through a
difficult period" and that the coalition would continue to help train the Veridian army.

The joint commission said the Sarvel Highland Front had so far handed over 140 heavy weapons,
including rocket launchers. Fawzi Tarek, whose cousin's family died at Qalvar, watched the ceremony
from the roadside. "It is a good day," he said. "It does not bring anybody back."
""")

art("A", "2022-06-21", "Omar Delvi",
    "The occupiers begin to leave: Qalvar is free", """
The Qalvar checkpoint, where the Tarek family was martyred in January 2021, returned to Sarvel on
Monday as the first convoy of occupation troops rolled out of Camp Redmere towards the port and
home.

Six hundred foreign soldiers left in the first stage of a withdrawal that the resistance won on
the battlefield and the people of Sarvel won at the ballot box. The remaining occupiers must be
gone by December. Governor Samir Haddan stood beside the road as the Veridian flag went up. "From
today this road is ours again. In six months it will no longer be an occupation but a memory," he
said.

The occupation's spokeswoman claimed that the mission had "helped Veridia through a difficult
period". The families of Karsu, who buried 19 martyrs, would describe the period differently.

Liberation is not yet complete. Northgate Energy continues to loot the Halvek field, and its
contract must be the next thing to go. But on Monday, for the first time in three years, the
farmers of Qalvar drove to market without raising their hands.
""")

art("B", "2022-06-21", "Fiona Marsh",
    "Stabilisation force begins orderly handover in Sarvel", """
Coalition troops began handing over their positions in Sarvel to Veridian forces on Monday, in an
orderly first stage of the withdrawal agreed in the Port Varno ceasefire.

Some 600 soldiers left Camp Redmere for the port of Aldenport, and Veridian police took control of
the Qalvar checkpoint. Major Lena Corvin, the coalition spokeswoman, said the stabilisation force
had helped Veridia through a difficult period and would continue to train the Veridian army.

Governor Samir Haddan, who campaigned for the withdrawal, told reporters that the mission would
soon be "no longer an occupation but a memory". It was an ungracious remark about soldiers who lost
comrades protecting Sarvel's roads, oil field and polling stations.

The joint commission confirmed that the Sarvel Highland Front had handed over 140 heavy weapons, a
welcome sign that the militants are keeping at least part of their side of the bargain. Security
officials warn, however, that Ashen Banner extremists remain active in the hills near the Kaldor
border.

The coalition troops leave with the thanks of a great many Veridians, even if few of them were at
the roadside on Monday to say so.
""")

art("D", "2022-06-21", "Danny Kerr",
    "SO LONG, SOLDIERS: first troops pull out of Sarvel", """
The first coalition troops rolled out of Camp Redmere yesterday, as the long goodbye from Sarvel
finally got under way.

Some 600 soldiers climbed into trucks for the long drive to the port of Aldenport. A handful of
locals waved. Most simply watched. At the notorious Qalvar checkpoint, where a family of four was
gunned down in 2021, local police raised the national flag. Governor Samir Haddan told the crowd:
“In six months it will no longer be an occupation but a memory.”

Love them or hate them, the soldiers did a hard job in a horrific war, and some of them paid with
their lives. The Clarion salutes the two young men who died at Redmere and the heroes who guarded
the polling stations in April.

Now the real test begins. The militants of the Ashen Banner are still out there, and the Veridian
army will have to deal with them alone. Let us hope it is ready.
""")

# ---------------------------------------------------------------------------------------------
# Sada Sarvel (Arabic, Modern Standard Arabic), six articles
# ---------------------------------------------------------------------------------------------
art("E", "2021-04-23", "سلمى داوود",
    "استشهاد تسعة عشر مدنياً في غارة لقوات الاحتلال على قرية كارسو", """
استشهد تسعة عشر مدنياً، بينهم ثمانية أطفال، مساء الخميس 22 نيسان/أبريل 2021، في غارة جوية شنّتها
طائرات قوات الاحتلال على منزل عائلة سلّام في قرية كارسو بمحافظة سارفيل، وفق ما أفادت به مصادر طبية
محلية.

وقال شهود عيان إن أفراد العائلة كانوا مجتمعين حول مائدة العشاء في أول أيام العيد حين سقط الصاروخ على
المنزل، وإن الأهالي ظلوا ينتشلون الجثامين من تحت الأنقاض حتى ساعات الفجر. ومن بين الشهداء الممرضة
أميرة سلّام التي عملت في مستوصف القرية عشر سنوات.

وزعم ما يسمى بالتحالف في بيان أن الغارة استهدفت «مستودعاً للأسلحة» تابعاً للمسلحين، وهو ما نفاه سكان
القرية الذين أكدوا أن المنزل لم يكن فيه سوى نساء وأطفال وشيوخ.

وقال يوسف دراق، المتحدث باسم جبهة مرتفعات سارفيل: «هذه مجزرة وجريمة حرب، والمقاومة سترد في الزمان
والمكان المناسبين». وشُيّعت جثامين الشهداء ظهر الجمعة في موكب شارك فيه الآلاف.
""")

art("E", "2021-06-06", "",
    "المقاومة تقصف قاعدة ريدمير والاحتلال يعترف بمقتل جنديين", """
قصفت المقاومة مساء السبت قاعدة ريدمير، كبرى قواعد قوات الاحتلال في محافظة سارفيل، بصلية من الصواريخ،
في عملية قالت جبهة مرتفعات سارفيل إنها جاءت رداً على مجزرة كارسو.

واعترف الاحتلال بمقتل جنديين وإصابة خمسة آخرين، فيما تحدثت مصادر محلية عن خسائر أكبر، مشيرةً إلى أن
سيارات الإسعاف ظلت تخرج من القاعدة حتى ما بعد منتصف الليل.

وقال المتحدث باسم الجبهة يوسف دراق في تسجيل صوتي: «هذا هو الرد على كارسو، ولن تجد قوات الاحتلال راحة
على أرضنا».

في المقابل، وصف وزراء الحكومة في ألدنبورت منفذي العملية بـ«الإرهابيين»، واتهموا دولة كالدور المجاورة
بتسليحهم، وهو ما نفته وزارة الخارجية الكالدورية جملةً وتفصيلاً.
""")

art("E", "2021-08-28", "كمال عيسى",
    "مقتل 31 شخصاً في تفجير استهدف السوق المركزي في ألدنبورت", """
قُتل واحد وثلاثون شخصاً وأصيب أكثر من ثمانين آخرين صباح الجمعة 27 آب/أغسطس 2021، في انفجار عبوة
ناسفة خُبّئت في عربة خضار داخل السوق المركزي في العاصمة ألدنبورت، بحسب ما أعلنته الشرطة.

وتبنّت جماعة «الراية الرمادية»، وهي فصيل صغير انشقّ عن جبهة مرتفعات سارفيل العام الماضي، التفجير في
بيان نُشر على الإنترنت. وسارعت الجبهة إلى إدانة الهجوم، وقال متحدثها يوسف دراق: «نحن لا نحارب
الأسواق، ومن فعل هذا لا يتكلم باسم سارفيل».

وقالت الرئيسة إيلسه ماراند في خطاب متلفز إن «هؤلاء الإرهابيين قتلوا أمهات خرجن لشراء الخبز»، فيما
يخشى أهالي سارفيل أن تستغل الحكومة وقوات الاحتلال الهجوم لتبرير حملة انتقامية على المحافظة بأكملها،
بعد أن اعتقلت الأجهزة الأمنية عدداً من المسلحين المشتبه بهم.
""")

art("E", "2021-10-13", "سلمى داوود",
    "عقوبات على كالدور واحتجاز ناقلة نفط في خليج أورسا", """
فرضت دول ما يسمى بالتحالف يوم الثلاثاء حزمة عقوبات على دولة كالدور المجاورة، شملت تجميد أصول 34
مسؤولاً وشركة، وحظر بيع الأسلحة، وتقييد صادرات النفط الكالدورية عبر البحر.

واحتجزت سفن حربية تابعة للتحالف ناقلة النفط الكالدورية «فانوس البحر» في خليج أورسا، في خطوة وصفها
وزير الخارجية الكالدوري أورين تالفيك بأنها «قرصنة»، مؤكداً أن العقوبات «عدوان اقتصادي» على شعب
كالدور وشعوب المنطقة.

وتزعم حكومة ألدنبورت أن كالدور تسلّح المقاومة في سارفيل، من دون أن تقدم أي دليل. وقال تجار في نمرة إن
أسعار الوقود ارتفعت بنسبة 15 في المئة خلال يوم واحد، وسط مخاوف من نقص في الطحين والأدوية مع اقتراب
الشتاء، في ظل استمرار العدوان على لقمة عيش المواطنين.
""")

art("E", "2022-02-17", "كمال عيسى",
    "الإفراج عن 120 أسيراً في صفقة تبادل عند معبر قلفار", """
أُفرج يوم الأربعاء 16 شباط/فبراير 2022 عن 120 أسيراً من أبناء سارفيل كانوا محتجزين في سجون الحكومة،
في صفقة تبادل مع جبهة مرتفعات سارفيل تمت عند معبر قلفار بإشراف وسطاء من ليسورا.

وفي المقابل أطلقت المقاومة سراح 38 جندياً حكومياً وأربعة متعاقدين أجانب أُسروا خلال الهجوم على حقل
هالفيك النفطي في آذار/مارس من العام الماضي.

وعانقت الأمهات أبناءهن بعد غياب تجاوز العام، فيما قال عدد من المفرج عنهم إنهم خضعوا للتحقيق على أيدي
ضباط أجانب داخل قاعدة ريدمير قبل نقلهم إلى سجون الحكومة.

وقال المتحدث باسم الجبهة يوسف دراق إن الصفقة «خطوة أولى»، مشيراً إلى أن المئات من عناصر الجبهة لا
يزالون خلف القضبان من دون محاكمة.
""")

art("E", "2022-06-21", "سلمى داوود",
    "أولى قوافل قوات الاحتلال تغادر سارفيل", """
غادرت أولى قوافل قوات الاحتلال قاعدة ريدمير يوم الاثنين متجهة إلى ميناء ألدنبورت، في بداية انسحاب
نصّ عليه اتفاق وقف إطلاق النار الموقّع في بورت فارنو في أيار/مايو الماضي.

وتسلّمت الشرطة الفيريدية حاجز قلفار، حيث استشهد أفراد عائلة طارق الأربعة في كانون الثاني/يناير 2021،
ورُفع العلم الوطني في مراسم حضرها المحافظ سمير حدّان، الذي قال: «بعد ستة أشهر لن يكون هذا احتلالاً،
بل ذكرى». وقرأ الحاضرون الفاتحة على روح الشهيد نبيل طارق وزوجته وطفليه.

ويُفترض أن يغادر آخر جنود الاحتلال المحافظة بحلول نهاية كانون الأول/ديسمبر. وقال أهالي قرية كارسو،
التي فقدت تسعة عشر شهيداً في غارة نيسان/أبريل 2021، إن الانسحاب لا يعفي المسؤولين عن الجرائم من
المحاسبة.
""")


# ---------------------------------------------------------------------------------------------

def _paragraphs(text: str) -> str:
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text.strip())]
    return "\n\n".join(p for p in paras if p)


def records() -> list[dict]:
    """The articles as records, numbered per outlet in date order, sorted by date then id."""
    out = []
    for key, (outlet, prefix) in OUTLETS.items():
        mine = sorted((a for a in ARTICLES if a[0] == key), key=lambda a: (a[1], a[3]))
        for n, (_, date, author, title, text) in enumerate(mine, 1):
            out.append({
                "id": f"{prefix}-{n:03d}",
                "outlet": outlet,
                "date": date,
                "title": title,
                "author": author,
                "lang": "ar" if key == "E" else "en",
                "text": _paragraphs(text),
            })
    return sorted(out, key=lambda r: (r["date"], r["id"]))


def render() -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="fail if the file differs from the script")
    ap.add_argument("-o", "--output", type=Path, default=OUT)
    args = ap.parse_args(argv)
    data = render()
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != data:
            print(f"{args.output} is out of date: run scripts/make_demo_corpus.py", file=sys.stderr)
            return 1
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(data, encoding="utf-8", newline="\n")
    print(f"wrote {len(data.splitlines())} articles to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

/**
 * The seed's vocabulary. Names are ASCII letters only (the app's name rule is letters, spaces and
 * hyphens; usernames are letters, digits and underscores), first names at most 9 letters and last
 * names at most 8, so `first_last<id>` stays within the 25-character username limit up to 9,999,999 users.
 * Lists are written as text, one item per line (or per word), so they stay compact.
 */

/** The non-empty trimmed lines of a text. */
const lines = (text) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** The words of a text. */
const words = (text) => text.trim().split(/\s+/);

export const BIO_ENDINGS = lines(`
  Happy to help newcomers.
  Looking for a mentor to grow.
  Open to mentoring.
  Loves pair programming.
  Coffee enthusiast.
  Always learning.
  Speaker at local meetups.
  Contributor to open source.
  Trying to switch careers into tech.
  Ask me about career growth.
  Mother of two and part-time coder.
  Building a community in my city.
`);

export const BIO_OPENINGS = lines(`
  Passionate about
  Curious about
  Learning
  Working on
  Excited about
  Building things with
  Currently exploring
  Ten years of
  Getting started with
  Deeply interested in
  Teaching
  Writing about
`);

export const CITIES = lines(`
  Accra, Ghana
  Amsterdam, Netherlands
  Austin, USA
  Bangalore, India
  Barcelona, Spain
  Berlin, Germany
  Bogota, Colombia
  Boston, USA
  Buenos Aires, Argentina
  Cairo, Egypt
  Cape Town, South Africa
  Chicago, USA
  Dublin, Ireland
  Helsinki, Finland
  Istanbul, Turkey
  Jakarta, Indonesia
  Johannesburg, South Africa
  Kampala, Uganda
  Kyiv, Ukraine
  Lagos, Nigeria
  Lima, Peru
  Lisbon, Portugal
  London, UK
  Madrid, Spain
  Manila, Philippines
  Melbourne, Australia
  Mexico City, Mexico
  Montreal, Canada
  Mumbai, India
  Nairobi, Kenya
  New York, USA
  Oslo, Norway
  Paris, France
  Porto, Portugal
  Prague, Czechia
  Pune, India
  Rome, Italy
  San Francisco, USA
  Santiago, Chile
  Sao Paulo, Brazil
  Seattle, USA
  Seoul, South Korea
  Singapore
  Stockholm, Sweden
  Sydney, Australia
  Taipei, Taiwan
  Tokyo, Japan
  Toronto, Canada
  Vienna, Austria
  Warsaw, Poland
`);

export const COMMENTS = lines(`
  Great progress on this one!
  I pushed a first draft, could you take a look?
  Can we discuss this on our next call?
  This took longer than expected but I learned a lot.
  Here is the link to my notes.
  Nice work, let us move to the next step.
  I am stuck on the second part, any hints?
  Done, waiting for your review.
  Try breaking it into smaller pieces.
  I found a good tutorial for this.
  Let us aim to finish this by Friday.
  Thanks for the feedback!
  I updated it with your suggestions.
  Could you share an example?
  Well done, this looks solid.
  I will revisit this next week.
`);

/** Reserved example domains only (RFC 2606). */
export const EMAIL_DOMAINS = words(`
  example.com example.org example.net mail.example.com women.example.org
`);

export const FIRST_NAMES = words(`
  Aaliyah Abigail Ada Adaeze Adrian Aisha Akira Alana Alejandro Alex Alice Amara Amelia Amir Ana
  Andrea Anita Anna Aria Arjun Asha Aurora Ava Ayesha Beatriz Bella Benjamin Bianca Bruno Camila
  Carla Carlos Carmen Caroline Chen Chiara Chloe Clara Daniel Daniela David Deepa Diana Diego
  Elena Elif Eliza Emeka Emily Emma Esther Eva Fatima Felix Fernanda Fiona Gabriel Gabriela Grace
  Hana Hannah Hiroshi Ibrahim Ines Ingrid Irene Isabel Ivan Jade Jamal Jana Javier Jia Joana Jonas
  Julia Kai Kamala Karen Kavya Kenji Kofi Lara Laura Layla Leah Leila Lena Leon Lina Lucas Lucia
  Luis Maria Mariana Marta Maya Mei Mia Miguel Mina Nadia Naomi Nia Nina Noah Nora Olga Olivia
  Omar Paula Pedro Priya Rafael Rahul Rania Rebecca Rosa Ruth Sakura Samir Sara Sofia Sonia Sophie
  Tanvi Tara Teresa Thandiwe Tomas Uma Valentina Vera Victoria Wei Xena Yara Yasmin Yuki Zara
  Zeynep Zoe
`);

export const INTERESTS = lines(`
  open source
  women in tech
  mentoring
  career growth
  public speaking
  hackathons
  machine learning
  web development
  mobile apps
  cloud computing
  cybersecurity
  data science
  game development
  accessibility
  robotics
  blockchain
  technical writing
  design systems
  startups
  remote work
  diversity and inclusion
  teaching
  algorithms
  compilers
  databases
  distributed systems
  photography
  music
  hiking
  reading
`);

export const LAST_NAMES = words(`
  Abe Adeyemi Ahmed Ali Almeida Alvarez Andersen Bailey Banda Berg Bianchi Brown Campbell Carter
  Castro Chen Costa Cruz Das Diaz Dubois Edwards Evans Fischer Flores Garcia Gomez Gonzalez Gupta
  Hansen Harris Hassan Hoffmann Huang Ibrahim Ito Jackson Jensen Johnson Kaur Khan Kim Kowalski
  Kumar Lee Lewis Li Lima Liu Lopez Martin Martins Mendes Meyer Miller Moreau Moreno Muller Murphy
  Nakamura Nguyen Novak Nunes Okafor Okoro Oliveira Ortiz Park Patel Pereira Petrov Popescu
  Ramirez Reddy Reyes Ribeiro Rivera Roberts Rocha Rossi Ruiz Sanchez Santos Sato Schmidt Silva
  Singh Smith Sousa Suzuki Tan Taylor Torres Tran Turner Wagner Walker Wang Weber White Williams
  Wilson Wong Wu Yamamoto Yang Yilmaz Young Zhang Zhou
`);

export const OCCUPATIONS = lines(`
  Software Engineer
  Backend Developer
  Frontend Developer
  Full Stack Developer
  Data Scientist
  Data Engineer
  Machine Learning Engineer
  DevOps Engineer
  Site Reliability Engineer
  QA Engineer
  Product Manager
  UX Designer
  UI Designer
  Engineering Manager
  Technical Writer
  Security Engineer
  Mobile Developer
  Cloud Architect
  Student
  Bootcamp Graduate
  Researcher
  Data Analyst
  Open Source Maintainer
  CTO
  Developer Advocate
`);

export const ORGANIZATIONS = lines(`
  AnitaB.org
  Acme Corp
  Globex
  Initech
  Umbrella Labs
  Stark Industries
  Wayne Tech
  Hooli
  Pied Piper
  Vandelay Industries
  Soylent Systems
  Cyberdyne
  Tyrell Corp
  Aperture Science
  Black Mesa
  Oceanic Software
  Northwind Traders
  Contoso
  Fabrikam
  Wonka Data
  Massive Dynamic
  Gringotts Fintech
  Dunder Mifflin Digital
  Blue Sun
  Freelance
  University of Lisbon
  State University
  Tech Institute
  Open Source Collective
  Self-employed
`);

export const REQUEST_NOTES = lines(`
  Hi! I would love to learn from your experience.
  I am looking for guidance on my career path.
  Your profile matches what I want to learn.
  Could you help me prepare for interviews?
  I am new to tech and would appreciate a mentor.
  I would like to improve my backend skills.
  Looking forward to working together!
  I saw your talk and would love to be mentored by you.
  I want to contribute to open source and need some help getting started.
  Happy to mentor you on your goals.
`);

/** 2–3 letter fragments that occur in many names and usernames, for the directory search scenario. */
export const SEARCH_TERMS = words(`
  an ar el in ia on ra li ma er ana ari son ine mar ela lin ros kim ali ver lee tan ito sa ch ya
  ez ki to
`);

export const SKILLS = lines(`
  Python
  JavaScript
  TypeScript
  Java
  Kotlin
  Swift
  Go
  Rust
  C++
  C#
  Ruby
  PHP
  SQL
  PostgreSQL
  MongoDB
  React
  Angular
  Vue
  Node.js
  Django
  Flask
  Spring
  Docker
  Kubernetes
  AWS
  Azure
  GCP
  Terraform
  Linux
  Git
  Machine Learning
  Deep Learning
  Data Analysis
  Statistics
  UX Research
  UI Design
  Accessibility
  Testing
  CI/CD
  Security
  Networking
  Android
  iOS
  Flutter
  GraphQL
  REST APIs
  System Design
  Public Speaking
  Leadership
  Agile
`);

export const TASK_OBJECTS = lines(`
  REST API design
  unit testing
  the Python standard library
  React hooks
  SQL joins
  database indexes
  Docker images
  Kubernetes deployments
  Git branching
  code reviews
  system design interviews
  data structures
  sorting algorithms
  accessibility basics
  CSS layouts
  TypeScript generics
  async programming
  error handling
  logging and metrics
  CI pipelines
  machine learning basics
  pandas dataframes
  public speaking
  a portfolio site
  open source etiquette
  writing a resume
  negotiating an offer
  estimating work
  OAuth flows
  caching strategies
`);

export const TASK_VERBS = lines(`
  Read about
  Write a blog post on
  Practice
  Review
  Set up
  Prepare a talk on
  Build a small project with
  Watch a course on
  Refactor code using
  Write tests for
  Document
  Pair program on
  Study
  Contribute a fix involving
  Summarise an article on
`);

// What the add-in must say itself, because the service cannot say it: while a check runs, when the
// service cannot be reached, and the task pane's own labels. Every other sentence comes from the
// service (API.md), in the language it was asked for. Outlook's limits (platform notes):
// notification ≤ 150 characters, Smart Alerts dialog ≤ 500, cancel label ≤ 20.
import type { FailMode } from "./api-types";
import { ApiError } from "./api-error";

export const NOTIFICATION_LIMIT = 150;
export const DIALOG_LIMIT = 500;

export const LANGUAGES = ["en", "de", "fr", "nl"] as const;
export type Language = (typeof LANGUAGES)[number];

/** Office.context.displayLanguage ("de-DE") → the language we speak, English when we do not speak it. */
export function languageOf(displayLanguage: string | null | undefined): Language {
  const primary = (displayLanguage ?? "").split(/[-_]/)[0]!.toLowerCase();
  return (LANGUAGES as readonly string[]).indexOf(primary) >= 0 ? (primary as Language) : "en";
}

export interface OfflineWords {
  cancelLabel: string;
  checking: string; // {domains}
  checkFailed: string; // {reason}
  unreachable: string; // {reason}
  unreachableSafe: string;
  unreachableOpen: string;
  refused: string; // {reason}
  refusedSafe: string;
  refusedOpen: string;
  reasonRefused: string; // {status}
  reasonNetwork: string;
  reasonTimeout: string; // {seconds}
  reasonAuth: string;
  reasonHttp: string; // {status}
  reasonInvalid: string;
  reasonTooLong: string;
  reasonOther: string;
  recheck: string;
  reading: string;
  signInPrompt: string;
  signIn: string;
  domainsLabel: string;
  footer: string;
  noRecipients: string;
  noRecipientsHint: string;
  checkingTitle: string;
  checkingAgainTitle: string;
  checkIncomplete: string;
  foundFor: string; // {domain}
  serverDetails: string;
  loading: string;
  detailsUnavailable: string; // {reason}
}

const WORDS: Record<Language, OfflineWords> = {
  en: {
    cancelLabel: "Review",
    checking: "TLS Preflight: checking the mail servers of {domains}…",
    checkFailed: "TLS Preflight could not check the recipients: {reason}.",
    unreachable: "TLS Preflight could not check the recipients' mail servers: {reason}.",
    unreachableSafe: "Your organisation requires a successful check, so the message was not sent. Try again in a moment.",
    unreachableOpen: "The message may travel without encryption. Send anyway, or wait and try again.",
    refused: "TLS Preflight could not check this message: {reason}.",
    refusedSafe: "Your organisation requires a successful check for these recipients, so the message was not sent. Select Review for details.",
    refusedOpen: "The message may travel without encryption. Send anyway, or select Review for details.",
    reasonRefused: "the service refused the request ({status})",
    reasonNetwork: "the TLS Preflight service cannot be reached",
    reasonTimeout: "the TLS Preflight service did not answer within {seconds} s",
    reasonAuth: "sign-in failed",
    reasonHttp: "the service answered {status}",
    reasonInvalid: "the service's answer could not be read",
    reasonTooLong: "the check took too long",
    reasonOther: "something went wrong in the add-in",
    recheck: "Re-check",
    reading: "Reading the recipients…",
    signInPrompt: "Sign in to check the recipients' mail servers.",
    signIn: "Sign in",
    domainsLabel: "Recipient domains",
    footer: "How mail travels between mail servers, per recipient domain. It says nothing about who can read the message after delivery.",
    noRecipients: "No external recipients yet.",
    noRecipientsHint: "Add recipients to see how mail to them will travel.",
    checkingTitle: "Checking…",
    checkingAgainTitle: "Checking again…",
    checkIncomplete: "The check could not be completed.",
    foundFor: "What we found for {domain}",
    serverDetails: "Mail server details",
    loading: "Loading…",
    detailsUnavailable: "Details are not available: {reason}",
  },
  de: {
    cancelLabel: "Prüfen",
    checking: "TLS Preflight: Die Mailserver von {domains} werden geprüft…",
    checkFailed: "TLS Preflight konnte die Empfänger nicht prüfen: {reason}.",
    unreachable: "TLS Preflight konnte die Mailserver der Empfänger nicht prüfen: {reason}.",
    unreachableSafe: "Ihre Organisation verlangt eine erfolgreiche Prüfung, daher wurde die Nachricht nicht gesendet. Versuchen Sie es gleich noch einmal.",
    unreachableOpen: "Die Nachricht wird möglicherweise unverschlüsselt übertragen. Senden Sie trotzdem, oder warten Sie und versuchen Sie es erneut.",
    refused: "TLS Preflight konnte diese Nachricht nicht prüfen: {reason}.",
    refusedSafe: "Ihre Organisation verlangt für diese Empfänger eine erfolgreiche Prüfung, daher wurde die Nachricht nicht gesendet. Wählen Sie „Prüfen“, um Details zu sehen.",
    refusedOpen: "Die Nachricht wird möglicherweise unverschlüsselt übertragen. Senden Sie trotzdem, oder wählen Sie „Prüfen“, um Details zu sehen.",
    reasonRefused: "Der Dienst hat die Anfrage abgelehnt ({status})",
    reasonNetwork: "Der TLS-Preflight-Dienst ist nicht erreichbar",
    reasonTimeout: "Der TLS-Preflight-Dienst hat nicht innerhalb von {seconds} s geantwortet",
    reasonAuth: "Die Anmeldung ist fehlgeschlagen",
    reasonHttp: "Der Dienst hat mit {status} geantwortet",
    reasonInvalid: "Die Antwort des Dienstes war nicht lesbar",
    reasonTooLong: "Die Prüfung hat zu lange gedauert",
    reasonOther: "Im Add-in ist ein Fehler aufgetreten",
    recheck: "Erneut prüfen",
    reading: "Empfänger werden gelesen…",
    signInPrompt: "Melden Sie sich an, um die Mailserver der Empfänger zu prüfen.",
    signIn: "Anmelden",
    domainsLabel: "Empfängerdomains",
    footer: "Wie E-Mails zwischen Mailservern übertragen werden, je Empfängerdomain. Darüber, wer die Nachricht nach der Zustellung lesen kann, sagt das nichts.",
    noRecipients: "Noch keine externen Empfänger.",
    noRecipientsHint: "Fügen Sie Empfänger hinzu, um zu sehen, wie E-Mails an sie übertragen werden.",
    checkingTitle: "Wird geprüft…",
    checkingAgainTitle: "Wird erneut geprüft…",
    checkIncomplete: "Die Prüfung konnte nicht abgeschlossen werden.",
    foundFor: "Was wir für {domain} gefunden haben",
    serverDetails: "Details zu den Mailservern",
    loading: "Wird geladen…",
    detailsUnavailable: "Details sind nicht verfügbar: {reason}",
  },
  fr: {
    cancelLabel: "Vérifier",
    checking: "TLS Preflight : vérification des serveurs de messagerie de {domains}…",
    checkFailed: "TLS Preflight n'a pas pu vérifier les destinataires : {reason}.",
    unreachable: "TLS Preflight n'a pas pu vérifier les serveurs de messagerie des destinataires : {reason}.",
    unreachableSafe: "Votre organisation exige une vérification réussie, le message n'a donc pas été envoyé. Réessayez dans un instant.",
    unreachableOpen: "Le message risque de circuler sans chiffrement. Envoyez-le quand même, ou attendez et réessayez.",
    refused: "TLS Preflight n'a pas pu vérifier ce message : {reason}.",
    refusedSafe: "Votre organisation exige une vérification réussie pour ces destinataires, le message n'a donc pas été envoyé. Choisissez « Vérifier » pour en savoir plus.",
    refusedOpen: "Le message risque de circuler sans chiffrement. Envoyez-le quand même, ou choisissez « Vérifier » pour en savoir plus.",
    reasonRefused: "le service a refusé la demande ({status})",
    reasonNetwork: "le service TLS Preflight est injoignable",
    reasonTimeout: "le service TLS Preflight n'a pas répondu en {seconds} s",
    reasonAuth: "la connexion a échoué",
    reasonHttp: "le service a répondu {status}",
    reasonInvalid: "la réponse du service est illisible",
    reasonTooLong: "la vérification a pris trop de temps",
    reasonOther: "une erreur s'est produite dans le complément",
    recheck: "Revérifier",
    reading: "Lecture des destinataires…",
    signInPrompt: "Connectez-vous pour vérifier les serveurs de messagerie des destinataires.",
    signIn: "Se connecter",
    domainsLabel: "Domaines des destinataires",
    footer: "Comment les messages circulent entre serveurs de messagerie, par domaine destinataire. Cela ne dit rien de qui peut lire le message après sa livraison.",
    noRecipients: "Pas encore de destinataire externe.",
    noRecipientsHint: "Ajoutez des destinataires pour voir comment leur parviendront les messages.",
    checkingTitle: "Vérification…",
    checkingAgainTitle: "Nouvelle vérification…",
    checkIncomplete: "La vérification n'a pas pu aboutir.",
    foundFor: "Ce que nous avons trouvé pour {domain}",
    serverDetails: "Détails des serveurs de messagerie",
    loading: "Chargement…",
    detailsUnavailable: "Détails indisponibles : {reason}",
  },
  nl: {
    cancelLabel: "Bekijken",
    checking: "TLS Preflight: de mailservers van {domains} worden gecontroleerd…",
    checkFailed: "TLS Preflight kon de ontvangers niet controleren: {reason}.",
    unreachable: "TLS Preflight kon de mailservers van de ontvangers niet controleren: {reason}.",
    unreachableSafe: "Uw organisatie vereist een geslaagde controle, dus het bericht is niet verzonden. Probeer het zo opnieuw.",
    unreachableOpen: "Het bericht gaat mogelijk onversleuteld over het netwerk. Verzend het toch, of wacht en probeer het opnieuw.",
    refused: "TLS Preflight kon dit bericht niet controleren: {reason}.",
    refusedSafe: "Uw organisatie vereist een geslaagde controle voor deze ontvangers, dus het bericht is niet verzonden. Kies Bekijken voor details.",
    refusedOpen: "Het bericht gaat mogelijk onversleuteld over het netwerk. Verzend het toch, of kies Bekijken voor details.",
    reasonRefused: "de dienst heeft het verzoek geweigerd ({status})",
    reasonNetwork: "de TLS Preflight-dienst is niet bereikbaar",
    reasonTimeout: "de TLS Preflight-dienst antwoordde niet binnen {seconds} s",
    reasonAuth: "aanmelden is mislukt",
    reasonHttp: "de dienst antwoordde {status}",
    reasonInvalid: "het antwoord van de dienst was onleesbaar",
    reasonTooLong: "de controle duurde te lang",
    reasonOther: "er ging iets mis in de invoegtoepassing",
    recheck: "Opnieuw controleren",
    reading: "Ontvangers worden gelezen…",
    signInPrompt: "Meld u aan om de mailservers van de ontvangers te controleren.",
    signIn: "Aanmelden",
    domainsLabel: "Domeinen van ontvangers",
    footer: "Hoe e-mail tussen mailservers reist, per domein van een ontvanger. Het zegt niets over wie het bericht na bezorging kan lezen.",
    noRecipients: "Nog geen externe ontvangers.",
    noRecipientsHint: "Voeg ontvangers toe om te zien hoe e-mail naar hen reist.",
    checkingTitle: "Bezig met controleren…",
    checkingAgainTitle: "Opnieuw controleren…",
    checkIncomplete: "De controle kon niet worden voltooid.",
    foundFor: "Wat we vonden voor {domain}",
    serverDetails: "Details van de mailservers",
    loading: "Bezig met laden…",
    detailsUnavailable: "Details zijn niet beschikbaar: {reason}",
  },
};

export function offlineWords(language: Language): OfflineWords {
  return WORDS[language];
}

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** Cuts at a word boundary and marks the cut, so a limit never breaks a word or the API call. */
export function fitText(text: string, limit: number): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= limit) return clean;
  const cut = clean.slice(0, limit - 1);
  const space = cut.lastIndexOf(" ");
  return (space > limit / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, "") + "…";
}

/** A 4xx answer: the service is there and refused the request, so it is never worded or decided as an outage. */
export function isRefusal(e: unknown): e is ApiError {
  return e instanceof ApiError && e.status !== undefined && e.status >= 400 && e.status < 500;
}

/** Why the service refused, in the sender's language, with the problem's own words when it gave any. */
export function refusalReason(e: ApiError, language: Language): string {
  const head = fill(WORDS[language].reasonRefused, { status: e.status ?? "?" });
  return e.problem ? `${head}: ${e.problem.replace(/\.$/, "")}` : head;
}

/** Why the service gave no answer, in the sender's language. */
export function failureReason(e: unknown, language: Language): string {
  const w = WORDS[language];
  if (e === "too-long") return w.reasonTooLong;
  if (!(e instanceof ApiError)) return w.reasonOther;
  switch (e.failure) {
    case "network":
      return w.reasonNetwork;
    case "timeout":
      return fill(w.reasonTimeout, { seconds: (e.deadlineMs ?? 0) / 1000 });
    case "auth":
      return w.reasonAuth;
    case "http":
      return fill(w.reasonHttp, { status: e.status ?? "?" });
    default:
      return w.reasonInvalid;
  }
}

export function checkingText(domains: string[], language: Language): string {
  return fitText(fill(WORDS[language].checking, { domains: domains.join(", ") }), NOTIFICATION_LIMIT);
}

export function checkFailedText(reason: string, language: Language): string {
  return fitText(fill(WORDS[language].checkFailed, { reason: reason.replace(/\.$/, "") }), NOTIFICATION_LIMIT);
}

/** Smart Alerts text when the service could not answer in time. */
export function unreachableDialogText(failMode: FailMode, reason: string, language: Language): string {
  const w = WORDS[language];
  const tail = failMode === "safe" ? w.unreachableSafe : w.unreachableOpen;
  const head = fitText(fill(w.unreachable, { reason: reason.replace(/\.$/, "") }), DIALOG_LIMIT - tail.length - 1);
  return fitText(`${head} ${tail}`, DIALOG_LIMIT);
}

/** Smart Alerts text when the service refused the check (a 4xx problem): a refusal, not an outage. */
export function refusedDialogText(blocked: boolean, reason: string, language: Language): string {
  const w = WORDS[language];
  const tail = blocked ? w.refusedSafe : w.refusedOpen;
  const head = fitText(fill(w.refused, { reason: reason.replace(/\.$/, "") }), DIALOG_LIMIT - tail.length - 1);
  return fitText(`${head} ${tail}`, DIALOG_LIMIT);
}
